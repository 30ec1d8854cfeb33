using System.Collections.Concurrent;
using VetActors.Grains.Identity;
using VetActors.Grains.Payments;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>Staff permissions per clinic and user, set by the test; unknown users hold none.</summary>
public sealed class StaffPermissionTable : IPaymentStaffDirectory
{
    private readonly ConcurrentDictionary<(string, string), StaffPermissions> _permissions = new();

    public void Set(string clinicId, string userId, StaffPermissions permissions) => _permissions[(clinicId, userId)] = permissions;

    public Task<StaffPermissions> PermissionsOfAsync(string clinicId, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(_permissions.GetValueOrDefault((clinicId, userId)));
}
