using VetActors.Actors.Postgres;

namespace VetActors.Actors.Tests.Postgres;

/// <summary>The storage contract, with one statement per write.</summary>
public sealed class PostgresGrainStorageTests(PostgresDatabaseFixture database)
    : PostgresGrainStorageContract(database, new PostgresGrainStorageOptions { MaxBatchSize = 1 });
