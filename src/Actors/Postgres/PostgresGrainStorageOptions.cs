namespace VetActors.Actors.Postgres;

/// <summary>
/// Group commit for <see cref="PostgresGrainStorage"/>: writes that arrive while earlier ones are in flight are sent
/// together, as one round trip and one transaction, each still acknowledged only after that transaction committed.
/// A lone write goes out at once; nothing waits for a batch to fill.
/// </summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>The most writes sent in one transaction; <c>1</c> turns batching off (one statement per write).</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>How many batches may be in flight at once, each on its own connection.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;
}
