namespace VetActors.GrpcApi.Tests.Appointments;

/// <summary>
/// Durable timers fire on the silo's own loop after the manual clock moves, so a test awaits their effect. The bound
/// is a hang guard turning a lost timer into a failure, never a deadline the behaviour is measured against.
/// </summary>
internal static class Awaiting
{
    private const int MaxPolls = 15_000;

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var poll = 0; !condition(); poll++)
        {
            if (poll == MaxPolls)
            {
                throw new TimeoutException($"Never happened: {what}");
            }

            await Task.Delay(2);
        }
    }
}
