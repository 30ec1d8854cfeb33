namespace VetActors.Silo.Configuration;

/// <summary>Where state lives (section <c>Database</c>; environment: <c>VETACTORS__Database__ConnectionString</c>, ...).</summary>
internal sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>An Npgsql connection string; empty runs an embedded PostgreSQL in <see cref="DataDirectory"/>. Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The embedded server's data folder, relative to the working directory unless absolute.</summary>
    public string DataDirectory { get; set; } = ".data/postgres";

    /// <summary>The embedded server's <c>shared_buffers</c>.</summary>
    public string SharedBuffers { get; set; } = "128MB";

    /// <summary>The embedded server's <c>max_connections</c>.</summary>
    public int MaxConnections { get; set; } = 120;

    public bool UsesEmbeddedServer => string.IsNullOrWhiteSpace(ConnectionString);
}
