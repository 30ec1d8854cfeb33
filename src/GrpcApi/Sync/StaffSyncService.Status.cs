using Grpc.Core;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Security;
using VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Sync;

/// <summary>The clinic's stale time, a Site Administrator's setting like the sync policy.</summary>
internal sealed partial class StaffSyncService
{
    // ManageStaff is the permission only Site Administrators hold (as for SetSyncPolicy).
    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<SetStaleAfterResponse> SetStaleAfter(SetStaleAfterRequest request, ServerCallContext context)
    {
        TimeSpan? staleAfter = request.StaleAfterSeconds == 0 ? null : TimeSpan.FromSeconds(request.StaleAfterSeconds);
        var inForce = await Sync(context).SetStaleAfterAsync(staleAfter, context.GetStaffUserId());
        return new SetStaleAfterResponse { StaleAfterSeconds = (int)inForce.TotalSeconds };
    }
}
