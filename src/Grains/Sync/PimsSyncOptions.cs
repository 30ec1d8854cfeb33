namespace VetActors.Grains.Sync;

/// <summary>Settings of the PIMS sync, bound from the <c>PimsSync</c> configuration section.</summary>
public sealed class PimsSyncOptions
{
    public const string SectionName = "PimsSync";

    /// <summary>Without a heartbeat or batch for this long, the integration is stale and administrators are told.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often an idle agent sends a heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most batches an agent may have sent and not yet seen acknowledged.</summary>
    public int MaxUnacknowledgedBatches { get; set; } = 8;

    /// <summary>Records beyond this many in one batch are rejected (the agent re-sends them in smaller batches).</summary>
    public int MaxRecordsPerBatch { get; set; } = 2000;

    /// <summary>A record whose raw form is larger than this is rejected.</summary>
    public int MaxRecordBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Index changes logged in the sync state before the full index is written again (about every eighth batch
    /// of a first import at the default batch size).
    /// </summary>
    public int IndexCheckpointEntries { get; set; } = 8000;

    /// <summary>How many rejected records are kept for inspection (the oldest go first).</summary>
    public int RejectedRecordsKept { get; set; } = 5000;
}
