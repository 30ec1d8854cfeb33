namespace VetActors.Grains.Identity;

/// <summary>What a server-side session stands for.</summary>
public enum SessionKind
{
    /// <summary>The shared front-desk login of a clinic (practice id and practice password).</summary>
    Practice = 1,

    /// <summary>A staff member signed in inside a practice session.</summary>
    StaffUser = 2,

    /// <summary>A pet owner signed in with a one-time code; bound to (clinic, client).</summary>
    PortalClient = 3,
}
