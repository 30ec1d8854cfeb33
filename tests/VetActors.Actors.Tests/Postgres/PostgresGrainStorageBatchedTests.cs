using VetActors.Actors.Postgres;

namespace VetActors.Actors.Tests.Postgres;

/// <summary>The same contract with group commit: concurrent writes share transactions.</summary>
public sealed class PostgresGrainStorageBatchedTests(PostgresDatabaseFixture database)
    : PostgresGrainStorageContract(database, new PostgresGrainStorageOptions { MaxBatchSize = 64, MaxConcurrentBatches = 2 });
