using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.GrpcApi.Security;

namespace VetActors.GrpcApi.Appointments.Internal;

/// <summary>
/// Finds an appointment of the caller's clinic and decides which side of it the caller is. A portal client sees
/// only their own appointments (another's is NOT_FOUND, as if absent); staff see every appointment of the clinic,
/// and only its practitioner acts as the practitioner.
/// </summary>
internal static class AppointmentAccess
{
    public static IAppointmentGrain Grain(IGrainFactory grains, ServerCallContext context, string reference)
    {
        if (!AppointmentReference.IsWellFormed(reference))
        {
            throw new NotFoundException("appointment.not_found", $"No appointment {reference} in this clinic.");
        }

        return grains.GetGrain<IAppointmentGrain>(GrainKeys.Appointment(context.GetClinicId(), reference));
    }

    /// <summary>The appointment if the caller may see it.</summary>
    public static async Task<(IAppointmentGrain Grain, AppointmentView View)> VisibleAsync(IGrainFactory grains, ServerCallContext context, string reference)
    {
        var grain = Grain(grains, context, reference);
        var view = await grain.GetAsync();
        var caller = context.GetPrincipal();
        if (caller.Kind is Callers.PortalClient && view.ClientId != caller.ClientId)
        {
            throw new NotFoundException("appointment.not_found", $"No appointment {reference} in this clinic.");
        }

        return (grain, view);
    }

    /// <summary>The appointment when the caller is its practitioner.</summary>
    public static async Task<IAppointmentGrain> AsPractitionerAsync(IGrainFactory grains, ServerCallContext context, string reference)
    {
        var (grain, view) = await VisibleAsync(grains, context, reference);
        if (view.PractitionerId != context.GetPrincipal().UserId)
        {
            throw new PermissionDeniedException("appointment.not_practitioner", $"Only the appointment's practitioner may do this for {reference}.");
        }

        return grain;
    }

    /// <summary>Which side of the call the caller is on: the client themselves or the appointment's practitioner.</summary>
    public static async Task<(IAppointmentGrain Grain, CallParty Party)> AsParticipantAsync(IGrainFactory grains, ServerCallContext context, string reference)
    {
        if (context.GetPrincipal().Kind is Callers.PortalClient)
        {
            return ((await VisibleAsync(grains, context, reference)).Grain, CallParty.Client);
        }

        return (await AsPractitionerAsync(grains, context, reference), CallParty.Practitioner);
    }
}
