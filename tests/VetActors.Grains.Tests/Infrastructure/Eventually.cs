namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>
/// A hang guard, not a deadline: reminders are delivered on the silo's own loop after the manual clock moves,
/// so tests await the effect; the bound only turns a bug that would hang the suite into a failure.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    internal static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            if (DateTime.UtcNow - started > Bound)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Delay(2);
        }
    }

    internal static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);
}
