using Microsoft.Extensions.Logging;

namespace VetActors.Actors.Internal;

/// <summary>The runtime's log messages; event ids 3000-3099 belong to VetActors.Actors.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Actor runtime started: service {ServiceId}, silo {SiloId}, {GrainClassCount} grain classes.")]
    internal static partial void RuntimeStarted(ILogger logger, string serviceId, string siloId, int grainClassCount);

    [LoggerMessage(3001, LogLevel.Information, "Actor runtime stopping: deactivating {ActivationCount} activations.")]
    internal static partial void RuntimeStopping(ILogger logger, int activationCount);

    [LoggerMessage(3002, LogLevel.Information, "Actor runtime stopped.")]
    internal static partial void RuntimeStopped(ILogger logger);

    [LoggerMessage(3003, LogLevel.Warning, "Actor runtime killed: {ActivationCount} activations abandoned without deactivation.")]
    internal static partial void RuntimeKilled(ILogger logger, int activationCount);

    [LoggerMessage(3004, LogLevel.Warning, "Grain state is kept in memory only ({StorageType}): it does not survive the process. Register a durable IGrainStorage for production.")]
    internal static partial void VolatileStorage(ILogger logger, string storageType);

    [LoggerMessage(3005, LogLevel.Warning, "Graceful stop timed out with {ActivationCount} activations still deactivating.")]
    internal static partial void StopTimedOut(ILogger logger, int activationCount);

    [LoggerMessage(3010, LogLevel.Debug, "Activated {GrainId} in {ElapsedMs} ms.")]
    internal static partial void Activated(ILogger logger, string grainId, double elapsedMs);

    [LoggerMessage(3011, LogLevel.Warning, "Activation of {GrainId} failed.")]
    internal static partial void ActivationFailed(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(3012, LogLevel.Debug, "Deactivated {GrainId} ({Reason}).")]
    internal static partial void Deactivated(ILogger logger, string grainId, DeactivationReasonCode reason);

    [LoggerMessage(3013, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed; the activation is removed anyway.")]
    internal static partial void DeactivationHookFailed(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(3014, LogLevel.Error, "An async void continuation of {GrainId} ({Turn}) threw.")]
    internal static partial void ContinuationFailed(ILogger logger, Exception exception, string grainId, string turn);

    [LoggerMessage(3015, LogLevel.Debug, "Collecting {Count} idle activations.")]
    internal static partial void CollectingIdle(ILogger logger, int count);

    [LoggerMessage(3020, LogLevel.Warning, "Grain timer tick of {GrainId} threw.")]
    internal static partial void TimerTickFailed(ILogger logger, Exception exception, string grainId);

    [LoggerMessage(3030, LogLevel.Information, "Reminder service started for service {ServiceId} as {OwnerId}.")]
    internal static partial void ReminderServiceStarted(ILogger logger, string serviceId, string ownerId);

    [LoggerMessage(3031, LogLevel.Warning, "Delivery of reminder {ReminderName} to {GrainId} failed (attempt {Attempt}); retrying at {RetryAt:o}.")]
    internal static partial void ReminderDeliveryFailed(ILogger logger, Exception exception, string reminderName, string grainId, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(3032, LogLevel.Error, "The reminder loop failed; it retries in {Delay}.")]
    internal static partial void ReminderLoopFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(3033, LogLevel.Debug, "Reminder {ReminderName} of {GrainId} was re-registered or removed during delivery; its new row stands.")]
    internal static partial void ReminderChangedDuringDelivery(ILogger logger, string reminderName, string grainId);

    [LoggerMessage(3034, LogLevel.Error, "Rescheduling reminder {ReminderName} of {GrainId} failed; its lease will expire and it will be claimed again.")]
    internal static partial void ReminderRescheduleFailed(ILogger logger, Exception exception, string reminderName, string grainId);
}
