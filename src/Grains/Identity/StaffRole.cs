namespace VetActors.Grains.Identity;

/// <summary>A staff member's role in their clinic.</summary>
public enum StaffRole
{
    /// <summary>Manages staff, security settings and reads the audit log; sees statements and the back office.</summary>
    SiteAdministrator = 1,

    /// <summary>Sees statements, past reconciliations and the back office.</summary>
    PracticeManager = 2,

    /// <summary>No options: front-desk work only (plus Apply refund when granted).</summary>
    Staff = 3,
}
