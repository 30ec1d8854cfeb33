namespace VetActors.Grains.Sync;

/// <summary>The sync grain's session, queue and status state (small; written with every batch).</summary>
internal sealed class PimsSyncState
{
    public long LastSequence { get; set; }

    public List<StoredAck> RecentAcks { get; set; } = [];

    public List<AgentSession> Sessions { get; set; } = [];

    public SyncPolicy Policy { get; set; } = SyncPolicy.Default;

    public List<PolicyChange> PolicyHistory { get; set; } = [];

    public bool InitialImportCompleted { get; set; }

    public bool FullImportInProgress { get; set; }

    public long? ExpectedTotal { get; set; }

    public DateTimeOffset? ImportStartedAt { get; set; }

    public long Received { get; set; }

    public long Applied { get; set; }

    public long Held { get; set; }

    public long Rejected { get; set; }

    public DateTimeOffset? FirstDataAt { get; set; }

    public DateTimeOffset? LastActivityAt { get; set; }

    public bool Stale { get; set; }

    /// <summary>The clinic's own stale time, set by a Site Administrator; <c>null</c> follows the configured default.</summary>
    public TimeSpan? StaleAfter { get; set; }

    public bool ResyncRequested { get; set; }

    /// <summary>
    /// The PIMS client ids received during the full import in progress (empty otherwise). A client whose PIMS id is
    /// not among them came from an earlier import and may be merged with; one whose id is, may not.
    /// </summary>
    public HashSet<string> ImportClients { get; set; } = new(StringComparer.Ordinal);

    public int NextReviewNumber { get; set; } = 1;

    public Dictionary<string, ReviewItem> Review { get; set; } = [];

    public Dictionary<string, MergeRecord> Merges { get; set; } = [];

    public List<RejectedRecord> RejectedRecords { get; set; } = [];

    public List<PendingRecord> Pending { get; set; } = [];

    public List<ClinicNotification> Outgoing { get; set; } = [];

    /// <summary>Audit entries of staff actions saved with their change and not yet in the clinic's log.</summary>
    public List<Audit.AuditRecord> PendingAudit { get; set; } = [];

    /// <summary>Index changes since the index state was last written (see <c>PimsSyncGrain.Index.cs</c>).</summary>
    public IndexLog IndexLog { get; set; } = new();
}

/// <summary>Index changes not yet in the index state's checkpoint.</summary>
internal sealed class IndexLog
{
    public Dictionary<string, ClientIndexEntry> Clients { get; set; } = [];

    public Dictionary<string, string> PimsClients { get; set; } = [];

    public Dictionary<string, PatientLink> PimsPatients { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public int Count => Clients.Count + PimsClients.Count + PimsPatients.Count;
}

/// <summary>What is needed to answer a re-sent batch: what was held and rejected (everything else applied).</summary>
internal sealed record StoredAck(long Sequence, List<RecordOutcome> Held, List<RecordOutcome> Rejected);

/// <summary>A record waiting for the client or patient it belongs to (<c>client:ID</c> or <c>patient:ID</c>).</summary>
internal sealed record PendingRecord(long Sequence, PimsRecord Record, string WaitingFor);

/// <summary>An audited policy change.</summary>
internal sealed record PolicyChange(SyncPolicy Policy, string ChangedBy, DateTimeOffset ChangedAt);
