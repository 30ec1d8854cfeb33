namespace VetActors.Grains.Identity;

/// <summary>Lifetimes and limits of sign-in (section <c>Identity</c>; environment <c>VETACTORS__Identity__...</c>).</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>How long a front-desk practice session lasts: one working day.</summary>
    public TimeSpan PracticeSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a staff user session lasts at most (it also ends with its practice session).</summary>
    public TimeSpan UserSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a pet owner stays signed in.</summary>
    public TimeSpan PortalSessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a staff invitation link works (issue 4: 72 hours).</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Consecutive failed sign-ins that lock an account or a practice login.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a lockout lasts.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The shortest password accepted (issue 4: 12).</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>PBKDF2-SHA256 iterations for new password hashes (OWASP's 2023 recommendation: 600,000).</summary>
    public int PasswordHashIterations { get; set; } = 600_000;

    /// <summary>How long a pet owner's one-time code works (issue 4: 10 minutes).</summary>
    public TimeSpan SignInCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong guesses allowed per one-time code before it is void.</summary>
    public int SignInCodeAttempts { get; set; } = 5;

    /// <summary>One-time codes sent to one client per hour at most; further requests send nothing.</summary>
    public int SignInCodesPerHour { get; set; } = 5;

    /// <summary>Put before an invitation token to make the link in the invitation email.</summary>
    public string InvitationLinkBase { get; set; } = "https://staff.vetactors.example/invitation#";

    /// <summary>The issuer shown by authenticator apps.</summary>
    public string TotpIssuer { get; set; } = "VetActors";
}
