namespace VetActors.PimsAgent;

/// <summary>How the agent connects and sends.</summary>
internal sealed record AgentOptions
{
    public required string AgentId { get; init; }

    public string PimsKind { get; init; } = "AVImark";

    public string PimsVersion { get; init; } = "";

    /// <summary>The clinic's API key, sent as <c>authorization: Bearer …</c> on the stream.</summary>
    public required string ApiKey { get; init; }

    public required string StatePath { get; init; }

    public int BatchSize { get; init; } = 1000;

    /// <summary>The most batches in flight; the server's limit wins when lower.</summary>
    public int Window { get; init; } = 8;

    public bool FullImport { get; init; } = true;

    /// <summary>
    /// After the import, keep the stream open (heartbeats when idle, a full re-send when the server asks) until
    /// stopped, instead of ending once every batch is acknowledged.
    /// </summary>
    public bool StayConnected { get; init; }

    /// <summary>How often an idle stream carries a heartbeat when the server's welcome does not say.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause between reconnection attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);
}
