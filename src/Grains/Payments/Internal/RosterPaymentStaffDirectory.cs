using VetActors.Actors;
using VetActors.Grains.Identity;

namespace VetActors.Grains.Payments.Internal;

/// <summary>Reads a member's permissions from the clinic's staff roster at the moment of the request.</summary>
internal sealed class RosterPaymentStaffDirectory(IGrainFactory grains) : IPaymentStaffDirectory
{
    public async Task<StaffPermissions> PermissionsOfAsync(string clinicId, string userId, CancellationToken cancellationToken) =>
        (await grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(clinicId)).GetPrincipalAsync(userId))?.Permissions ?? StaffPermissions.None;
}
