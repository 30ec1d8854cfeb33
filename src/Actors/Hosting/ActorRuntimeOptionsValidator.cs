using Microsoft.Extensions.Options;

namespace VetActors.Actors.Hosting;

/// <summary>Rejects settings the runtime cannot work with, at start-up rather than on the first call.</summary>
internal sealed class ActorRuntimeOptionsValidator : IValidateOptions<ActorRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, ActorRuntimeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Actors:ServiceId must not be empty.");
        }

        RequirePositive(failures, nameof(options.CallTimeout), options.CallTimeout);
        RequirePositive(failures, nameof(options.CollectionQuantum), options.CollectionQuantum);
        RequirePositive(failures, nameof(options.ActivationTimeout), options.ActivationTimeout);
        RequirePositive(failures, nameof(options.DeactivationTimeout), options.DeactivationTimeout);
        RequirePositive(failures, nameof(options.ShutdownTimeout), options.ShutdownTimeout);
        RequirePositive(failures, nameof(options.MinimumReminderPeriod), options.MinimumReminderPeriod);
        RequirePositive(failures, nameof(options.ReminderPollInterval), options.ReminderPollInterval);
        RequirePositive(failures, nameof(options.ReminderRetryBaseDelay), options.ReminderRetryBaseDelay);
        if (options.CollectionAge < options.CollectionQuantum && options.CollectionAge != Timeout.InfiniteTimeSpan)
        {
            failures.Add("Actors:CollectionAge must be at least Actors:CollectionQuantum.");
        }

        if (options.ReminderLeaseDuration <= options.CallTimeout)
        {
            failures.Add("Actors:ReminderLeaseDuration must exceed Actors:CallTimeout, or a slow delivery would be claimed twice.");
        }

        if (options.ReminderRetryMaxDelay < options.ReminderRetryBaseDelay)
        {
            failures.Add("Actors:ReminderRetryMaxDelay must be at least Actors:ReminderRetryBaseDelay.");
        }

        if (options.ReminderBatchSize is < 1 or > 10_000)
        {
            failures.Add("Actors:ReminderBatchSize must be between 1 and 10000.");
        }

        foreach (var (grainType, age) in options.ClassSpecificCollectionAge)
        {
            if (age <= TimeSpan.Zero && age != Timeout.InfiniteTimeSpan)
            {
                failures.Add($"Actors:ClassSpecificCollectionAge:{grainType} must be positive.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Actors:{name} must be positive.");
        }
    }
}
