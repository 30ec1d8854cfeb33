namespace VetActors.Grains.Identity;

/// <summary>
/// What a staff member may do. Statements, past reconciliations and the back office follow from the role (Site
/// Administrators and Practice Managers only); Apply refund is granted per user; managing staff, security settings
/// and reading the audit log belong to Site Administrators.
/// </summary>
[Flags]
public enum StaffPermissions
{
    None = 0,
    Statements = 1,
    PastReconciliations = 2,
    BackOffice = 4,
    ApplyRefund = 8,
    ManageStaff = 16,
    ReadAuditLog = 32,
}
