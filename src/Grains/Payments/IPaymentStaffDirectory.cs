using VetActors.Grains.Identity;

namespace VetActors.Grains.Payments;

/// <summary>What the payment ledger needs to know of a staff member: their current permissions (none when unknown or deactivated).</summary>
public interface IPaymentStaffDirectory
{
    Task<StaffPermissions> PermissionsOfAsync(string clinicId, string userId, CancellationToken cancellationToken);
}
