namespace VetActors.Grains.Sync;

/// <summary>Why the integration writes to a clinic.</summary>
public enum ClinicNotificationKind
{
    /// <summary>To the clinic: the first records arrived, the integration works.</summary>
    FirstDataReceived = 1,

    /// <summary>To the clinic's administrators: no heartbeat or batch for the configured time.</summary>
    IntegrationStale = 2,
}
