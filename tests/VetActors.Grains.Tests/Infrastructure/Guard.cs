namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>
/// A hang guard, not a deadline: reminders are delivered on the runtime's threads after the manual clock moves,
/// so tests await the effect; the bound only turns a bug that would hang the suite into a failure.
/// </summary>
internal static class Guard
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    internal static async Task UntilAsync(Func<bool> condition, string what)
    {
        var started = DateTime.UtcNow;
        while (!condition())
        {
            if (DateTime.UtcNow - started > s_timeout)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Delay(1);
        }
    }

    /// <summary>Waits until no reminder delivery is under way.</summary>
    internal static Task SettledAsync(SyncCluster c) => UntilAsync(() => c.Cluster.RemindersInFlight == 0, "reminders to settle");
}
