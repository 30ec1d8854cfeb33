namespace VetActors.Actors.Tests.Infrastructure;

/// <summary>
/// A hang guard, not a deadline: tests await signals, and this bound only turns a bug that would hang the
/// suite into a failure.
/// </summary>
internal static class Guard
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Awaits until <paramref name="condition"/> holds, yielding between checks.</summary>
    internal static async Task UntilAsync(Func<bool> condition, string what)
    {
        var started = DateTime.UtcNow;
        while (!condition())
        {
            if (DateTime.UtcNow - started > Timeout)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Delay(1);
        }
    }
}
