using VetActors.Grains.Identity;
using VetActors.Grains.Payments;

namespace VetActors.Payments.Bench;

/// <summary>Every user holds Apply refund: the permission rules are tested elsewhere, this measures the ledger.</summary>
internal sealed class EveryoneRefunds : IPaymentStaffDirectory
{
    public Task<StaffPermissions> PermissionsOfAsync(string clinicId, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(StaffPermissions.ApplyRefund);
}
