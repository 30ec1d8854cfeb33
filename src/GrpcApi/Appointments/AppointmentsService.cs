using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Practitioners;
using VetActors.GrpcApi.Appointments.Internal;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Appointments.V1;
using Proto = VetActors.Protos.Appointments.V1;

namespace VetActors.GrpcApi.Appointments;

/// <summary>
/// Appointments of the caller's clinic: booking and its changes here, the call and the record in the partial file.
/// Portal clients act on their own appointments; staff book for any client, and a practitioner acts on their own.
/// </summary>
internal sealed partial class AppointmentsService(IGrainFactory grains) : Proto.Appointments.AppointmentsBase
{
    // A fresh reference collides about once in 887 million per clinic; a few redraws make a failure unreachable.
    private const int ReferenceAttempts = 5;

    [Allow(Callers.PortalClient | Callers.StaffUser)]
    public override async Task<Appointment> BookAppointment(BookAppointmentRequest request, ServerCallContext context)
    {
        var caller = context.GetPrincipal();
        var booking = request.ToDomain(caller.Kind is Callers.PortalClient ? caller.ClientId! : request.ClientId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await AppointmentAccess.Grain(grains, context, AppointmentReference.New()).BookAsync(booking)).ToProto();
            }
            catch (AlreadyExistsException) when (attempt < ReferenceAttempts)
            {
                // The drawn reference is taken: draw another.
            }
        }
    }

    [Allow(Callers.PortalClient | Callers.StaffUser)]
    public override async Task<Appointment> GetAppointment(GetAppointmentRequest request, ServerCallContext context) =>
        (await AppointmentAccess.VisibleAsync(grains, context, request.Reference)).View.ToProto();

    [Allow(Callers.PortalClient | Callers.StaffUser)]
    public override async Task<Appointment> RescheduleAppointment(RescheduleAppointmentRequest request, ServerCallContext context)
    {
        var (grain, _) = await AppointmentAccess.VisibleAsync(grains, context, request.Reference);
        var start = request.Start ?? throw new ValidationException("start", "start is required.");
        var duration = request.Duration ?? throw new ValidationException("duration", "duration is required.");
        return (await grain.RescheduleAsync(start.ToDateTimeOffset(), duration.ToTimeSpan())).ToProto();
    }

    [Allow(Callers.PortalClient | Callers.StaffUser)]
    public override async Task<Appointment> CancelAppointment(CancelAppointmentRequest request, ServerCallContext context)
    {
        var (grain, _) = await AppointmentAccess.VisibleAsync(grains, context, request.Reference);
        return (await grain.CancelAsync(request.Reason)).ToProto();
    }

    [Allow(Callers.PortalClient)]
    public override async Task<Attachment> AttachFile(AttachFileRequest request, ServerCallContext context)
    {
        var (grain, _) = await AppointmentAccess.VisibleAsync(grains, context, request.Reference);
        return (await grain.AttachAsync(new AttachmentUpload(request.FileName, request.Content.Memory))).ToProto();
    }

    [Allow(Callers.StaffUser)]
    public override async Task<ListAppointmentsResponse> ListPractitionerAppointments(ListPractitionerAppointmentsRequest request, ServerCallContext context)
    {
        var practitionerId = request.PractitionerId.Length == 0 ? context.GetStaffUserId() : request.PractitionerId;
        var schedule = await grains.GetGrain<IPractitionerGrain>(GrainKeys.Child(context.GetClinicId(), "practitioner", practitionerId)).GetAsync();
        var views = await Task.WhenAll(schedule.Bookings.OrderBy(b => b.Start).Select(b => AppointmentAccess.Grain(grains, context, b.Reference).GetAsync()));
        return new ListAppointmentsResponse { Appointments = { views.Select(v => v.ToProto()) } };
    }

    [Allow(Callers.PortalClient | Callers.StaffUser)]
    public override async Task<ListAppointmentsResponse> ListClientAppointments(ListClientAppointmentsRequest request, ServerCallContext context)
    {
        var caller = context.GetPrincipal();
        var clientId = caller.Kind is Callers.PortalClient ? caller.ClientId! : request.ClientId;
        if (clientId.Length == 0)
        {
            throw new ValidationException("client_id", "client_id is required.");
        }

        var references = await grains.GetGrain<IClientAppointmentsGrain>(GrainKeys.ClientAppointments(context.GetClinicId(), clientId)).ListAsync();
        var views = await Task.WhenAll(references.Select(r => ViewOrNullAsync(AppointmentAccess.Grain(grains, context, r))));
        return new ListAppointmentsResponse
        {
            Appointments = { views.OfType<AppointmentView>().OrderByDescending(v => v.Start).Select(v => v.ToProto()) },
        };
    }

    // A booking that failed after indexing leaves a reference with no appointment behind it.
    private static async Task<AppointmentView?> ViewOrNullAsync(IAppointmentGrain grain)
    {
        try
        {
            return await grain.GetAsync();
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
