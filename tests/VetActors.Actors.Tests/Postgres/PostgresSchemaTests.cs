using Npgsql;
using VetActors.Actors.Postgres;

namespace VetActors.Actors.Tests.Postgres;

public sealed class PostgresSchemaTests
{
    private static readonly int RuntimeMigrationCount = PostgresSchema.Discover(typeof(PostgresSchema).Assembly).Count;

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachStepOnce()
    {
        await using var dataSource = await NewDatabaseAsync();

        await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);
        await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);

        Assert.Equal(RuntimeMigrationCount, await CountAsync(dataSource, "SELECT count(*) FROM vetactors_schema_migrations WHERE scope = 'actors'"));
        Assert.Equal(2, await CountAsync(dataSource,
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('vetactors_grain_state', 'vetactors_reminders')"));
    }

    [Fact]
    public async Task MigrateAsync_ConcurrentStarters_ApplyEachStepOnceAndBothSucceed()
    {
        await using var dataSource = await NewDatabaseAsync();

        var starters = Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresSchema.MigrateAsync(dataSource, CancellationToken.None)));
        await Task.WhenAll(starters);

        Assert.Equal(RuntimeMigrationCount, await CountAsync(dataSource, "SELECT count(*) FROM vetactors_schema_migrations"));
    }

    [Fact]
    public async Task MigrateAsync_NewStepInScope_AppliesOnlyTheNewStep()
    {
        await using var dataSource = await NewDatabaseAsync();
        await PostgresSchema.MigrateAsync(dataSource, "domain", [new Step(1, "CREATE TABLE pets (id text PRIMARY KEY)")], null, CancellationToken.None);

        await PostgresSchema.MigrateAsync(
            dataSource, "domain",
            [new Step(1, "CREATE TABLE pets (id text PRIMARY KEY)"), new Step(2, "ALTER TABLE pets ADD COLUMN name text")],
            null, CancellationToken.None);

        Assert.Equal(2, await CountAsync(dataSource, "SELECT count(*) FROM vetactors_schema_migrations WHERE scope = 'domain'"));
        Assert.Equal(1, await CountAsync(dataSource, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'pets' AND column_name = 'name'"));
    }

    [Fact]
    public async Task MigrateAsync_AppliedStepEdited_FailsAndChangesNothing()
    {
        await using var dataSource = await NewDatabaseAsync();
        await PostgresSchema.MigrateAsync(dataSource, "domain", [new Step(1, "CREATE TABLE owners (id text PRIMARY KEY)")], null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresSchema.MigrateAsync(
            dataSource, "domain",
            [new Step(1, "CREATE TABLE owners (id bigint PRIMARY KEY)"), new Step(2, "CREATE TABLE visits (id text)")],
            null, CancellationToken.None));

        Assert.Contains("changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(dataSource, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'visits'"));
    }

    [Fact]
    public async Task MigrateAsync_FailingStep_RollsBackTheWholeRun()
    {
        await using var dataSource = await NewDatabaseAsync();
        await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);

        await Assert.ThrowsAsync<PostgresException>(() => PostgresSchema.MigrateAsync(
            dataSource, "domain",
            [new Step(1, "CREATE TABLE clinics (id text PRIMARY KEY)"), new Step(2, "ALTER TABLE no_such_table ADD COLUMN x int")],
            null, CancellationToken.None));

        Assert.Equal(0, await CountAsync(dataSource, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'clinics'"));
        Assert.Equal(0, await CountAsync(dataSource, "SELECT count(*) FROM vetactors_schema_migrations WHERE scope = 'domain'"));
    }

    [Fact]
    public async Task MigrateAsync_DuplicateVersions_AreRejected()
    {
        await using var dataSource = await NewDatabaseAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresSchema.MigrateAsync(
            dataSource, "domain", [new Step(1, "SELECT 1"), new Step(1, "SELECT 2")], null, CancellationToken.None));
    }

    private static async Task<NpgsqlDataSource> NewDatabaseAsync() =>
        PostgresServiceCollectionExtensions.CreateDataSource(await PostgresTestServer.CreateDatabaseAsync());

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class Step(int version, string sql) : PostgresMigration
    {
        public override int Version => version;

        public override string Description => $"test step {version}";

        public override string Sql => sql;
    }
}
