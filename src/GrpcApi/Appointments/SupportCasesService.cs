using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Support;
using VetActors.GrpcApi.Appointments.Internal;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Appointments.V1;
using Proto = VetActors.Protos.Appointments.V1;
using SupportCase = VetActors.Protos.Appointments.V1.SupportCase;

namespace VetActors.GrpcApi.Appointments;

/// <summary>
/// Support cases of the caller's clinic. Any staff user may open one about their own work; listing and resolving
/// (which decides payouts) need the back-office permission, which Site Administrators and Practice Managers hold.
/// </summary>
internal sealed class SupportCasesService(IGrainFactory grains) : Proto.SupportCases.SupportCasesBase
{
    [Allow(Callers.StaffUser)]
    public override async Task<SupportCase> OpenSupportCase(OpenSupportCaseRequest request, ServerCallContext context)
    {
        var userId = context.GetStaffUserId();
        string? reference = null;
        if (request.AppointmentReference.Length > 0)
        {
            await AppointmentAccess.AsPractitionerAsync(grains, context, request.AppointmentReference);
            reference = request.AppointmentReference;
        }

        return (await Desk(context).OpenAsync(
            new OpenSupportCase(Grains.Support.SupportCaseKind.PractitionerRequest, reference, userId, userId, request.Description))).ToProto();
    }

    [Allow(Callers.StaffUser, Permission = StaffPermissions.BackOffice)]
    public override async Task<ListSupportCasesResponse> ListSupportCases(ListSupportCasesRequest request, ServerCallContext context) =>
        new() { Cases = { (await Desk(context).ListAsync(request.OpenOnly)).Select(c => c.ToProto()) } };

    [Allow(Callers.StaffUser, Permission = StaffPermissions.BackOffice)]
    public override async Task<SupportCase> ResolveSupportCase(ResolveSupportCaseRequest request, ServerCallContext context) =>
        (await Desk(context).ResolveAsync(request.CaseId, request.Outcome.ToDomain(), context.GetStaffUserId(), request.Note)).ToProto();

    private ISupportDeskGrain Desk(ServerCallContext context) =>
        grains.GetGrain<ISupportDeskGrain>(GrainKeys.Child(context.GetClinicId(), "support", "desk"));
}
