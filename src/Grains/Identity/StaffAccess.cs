namespace VetActors.Grains.Identity;

/// <summary>The one place that turns a role and the per-user Apply-refund flag into permissions.</summary>
public static class StaffAccess
{
    private const StaffPermissions ManagerViews = StaffPermissions.Statements | StaffPermissions.PastReconciliations | StaffPermissions.BackOffice;

    public static StaffPermissions PermissionsFor(StaffRole role, bool applyRefund)
    {
        var permissions = role switch
        {
            StaffRole.SiteAdministrator => ManagerViews | StaffPermissions.ManageStaff | StaffPermissions.ReadAuditLog,
            StaffRole.PracticeManager => ManagerViews,
            _ => StaffPermissions.None,
        };
        return applyRefund ? permissions | StaffPermissions.ApplyRefund : permissions;
    }
}
