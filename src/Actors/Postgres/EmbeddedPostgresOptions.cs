namespace VetActors.Actors.Postgres;

/// <summary>How <see cref="EmbeddedPostgres"/> lays out and tunes the private PostgreSQL server it runs.</summary>
public sealed class EmbeddedPostgresOptions
{
    /// <summary>The cluster's data folder (PGDATA); created and initialised on first start, reused afterwards.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The database the returned connection string names; created when missing.</summary>
    public string Database { get; init; } = "vetactors";

    /// <summary>
    /// The folder holding PostgreSQL's programs (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>); <c>null</c> finds
    /// the newest <c>/usr/lib/postgresql/N/bin</c>, then <c>pg_config --bindir</c>.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>
    /// <c>null</c> (the default) listens on a private Unix socket only; <c>0</c> also listens on a free loopback
    /// TCP port; any other value on that loopback port. Authentication is <c>trust</c>, so the socket folder is
    /// private to the server's OS user.
    /// </summary>
    public int? TcpPort { get; init; }

    /// <summary>PostgreSQL's <c>shared_buffers</c>; small by default because the machine is small and shared.</summary>
    public string SharedBuffers { get; init; } = "64MB";

    /// <summary>PostgreSQL's <c>max_connections</c>; the connection pools of one process rarely need more.</summary>
    public int MaxConnections { get; init; } = 120;

    /// <summary>
    /// PostgreSQL's <c>commit_delay</c> in microseconds: with at least <see cref="CommitSiblings"/> other
    /// transactions open, a committing backend waits this long so that one WAL flush covers them all (group
    /// commit). Durability is unchanged: each commit is still acknowledged only after its flush.
    /// </summary>
    public int CommitDelayMicroseconds { get; init; }

    /// <summary>PostgreSQL's <c>commit_siblings</c>, the concurrency at which <see cref="CommitDelayMicroseconds"/> applies.</summary>
    public int CommitSiblings { get; init; } = 5;

    /// <summary>
    /// Whether initdb flushes the new cluster's files to disk before returning (it does by default). Throwaway
    /// clusters (tests) may skip it: it costs seconds and only matters if the machine loses power right after.
    /// </summary>
    public bool SyncAfterInit { get; init; } = true;

    /// <summary>How long <c>pg_ctl</c> may take to start or stop the server.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
