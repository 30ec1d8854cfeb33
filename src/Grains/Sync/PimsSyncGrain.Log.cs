using Microsoft.Extensions.Logging;

namespace VetActors.Grains.Sync;

internal sealed partial class PimsSyncGrain
{
    private static partial class Log
    {
        [LoggerMessage(5100, LogLevel.Information, "PIMS agent {AgentId} ({PimsKind}) connected to clinic {ClinicId}; resuming after sequence {LastSequence}.")]
        public static partial void AgentConnected(ILogger logger, string clinicId, string agentId, string pimsKind, long lastSequence);

        [LoggerMessage(5101, LogLevel.Information, "Clinic {ClinicId} batch {Sequence}: {Applied} applied, {Held} held, {Rejected} rejected.")]
        public static partial void BatchApplied(ILogger logger, string clinicId, long sequence, int applied, int held, int rejected);

        [LoggerMessage(5102, LogLevel.Warning, "Clinic {ClinicId}: PIMS integration stale, last activity {LastActivity}.")]
        public static partial void IntegrationStale(ILogger logger, string clinicId, DateTimeOffset lastActivity);

        [LoggerMessage(5103, LogLevel.Warning, "Clinic {ClinicId}: a sync notification could not be handed to the outbox; it will be retried.")]
        public static partial void NotificationFailed(ILogger logger, Exception exception, string clinicId);

        [LoggerMessage(5104, LogLevel.Information, "Clinic {ClinicId}: first full import completed at sequence {Sequence}.")]
        public static partial void ImportCompleted(ILogger logger, string clinicId, long sequence);

        [LoggerMessage(5105, LogLevel.Information, "Clinic {ClinicId}: PIMS client {MergedPimsId} split off client {ClientId}, which PIMS client {PimsId} of the same import holds.")]
        public static partial void MergeSeparated(ILogger logger, string clinicId, string mergedPimsId, string pimsId, string clientId);
    }
}
