namespace VetActors.Grains.Identity.Internal;

/// <summary>Consecutive failed sign-ins of one login, and until when it is locked. Part of the owning grain's state.</summary>
internal sealed class LockoutCounter
{
    public int FailedAttempts { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && now < until;

    /// <summary>Counts a failure; returns true when this failure locks the login.</summary>
    public bool RecordFailure(DateTimeOffset now, IdentityOptions options)
    {
        FailedAttempts++;
        if (FailedAttempts < options.LockoutThreshold)
        {
            return false;
        }

        FailedAttempts = 0;
        LockedUntil = now + options.LockoutDuration;
        return true;
    }

    public void Reset()
    {
        FailedAttempts = 0;
        LockedUntil = null;
    }
}
