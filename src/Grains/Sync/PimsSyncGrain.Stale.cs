using System.Globalization;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;

namespace VetActors.Grains.Sync;

/// <summary>The clinic's stale time: the configured default unless a Site Administrator set one for the clinic.</summary>
internal sealed partial class PimsSyncGrain
{
    private static readonly TimeSpan MinStaleAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxStaleAfter = TimeSpan.FromDays(7);

    private TimeSpan StaleAfter => State.StaleAfter ?? _options.StaleAfter;

    public async Task<TimeSpan> SetStaleAfterAsync(TimeSpan? staleAfter, string staffUserId)
    {
        RequireStaff(staffUserId);
        if (staleAfter is { } value && (value < MinStaleAfter || value > MaxStaleAfter))
        {
            throw new ValidationException("stale_after_seconds", string.Create(CultureInfo.InvariantCulture, $"must be between {MinStaleAfter.TotalSeconds} and {MaxStaleAfter.TotalSeconds} seconds, or 0 for the default."));
        }

        var before = Describe(StaleAfter, State.StaleAfter is null);
        State.StaleAfter = staleAfter;

        // A longer time can make a stale integration current again; a shorter one is caught by the next check.
        if (State.Stale && State.LastActivityAt is { } last && time.GetUtcNow() - last < StaleAfter)
        {
            State.Stale = false;
        }

        // The check runs at a quarter of the stale time, so it follows the new time once the agent has connected.
        if (await GetReminder(StaleCheckReminder) is not null)
        {
            await RegisterOrUpdateReminder(StaleCheckReminder, StaleCheckPeriod(), StaleCheckPeriod());
        }

        await SaveAsync(new AuditRecord(AuditActors.Staff(staffUserId), "sync.stale_after_changed", "sync/stale_after", before, Describe(StaleAfter, staleAfter is null)));
        AnnounceStatus(batch: null);
        return StaleAfter;
    }

    private TimeSpan StaleCheckPeriod() => MinStaleAfter > StaleAfter / 4 ? MinStaleAfter : StaleAfter / 4;

    private static string Describe(TimeSpan staleAfter, bool isDefault) =>
        string.Create(CultureInfo.InvariantCulture, $"{staleAfter.TotalMinutes:0.##} min") + (isDefault ? " (default)" : "");
}
