using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VetActors.Actors.Postgres;
using VetActors.Actors.Storage;

namespace VetActors.Actors.Tests.Postgres;

/// <summary>What every <see cref="PostgresGrainStorage"/> configuration must do, run against a real PostgreSQL.</summary>
public abstract class PostgresGrainStorageContract : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgresDatabaseFixture _database;
    private readonly PostgresGrainStorage _storage;

    protected PostgresGrainStorageContract(PostgresDatabaseFixture database, PostgresGrainStorageOptions options)
    {
        _database = database;
        _storage = new PostgresGrainStorage(
            database.DataSource, new TestClock(Start), NullLogger<PostgresGrainStorage>.Instance, Options.Create(options));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task WriteAsync_SixtyFourConcurrentWritersOwningOneRowEach_EveryAcknowledgedVersionIsStored()
    {
        var ids = Enumerable.Range(0, 64).Select(_ => NewId()).ToArray();

        var lastEtags = await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            string? etag = null;
            for (var n = 1; n <= 20; n++)
            {
                etag = await _storage.WriteAsync(id, Json($$"""{"n":{{n}}}"""), etag, CancellationToken.None);
            }

            return etag!;
        })));

        for (var i = 0; i < ids.Length; i++)
        {
            var stored = (await _storage.ReadAsync(ids[i], CancellationToken.None))!;
            Assert.Equal("20", lastEtags[i]);
            Assert.Equal(lastEtags[i], stored.Etag);
            AssertJsonEqual("""{"n":20}""", stored.Payload);
        }
    }

    [Fact]
    public async Task WriteAsync_OneMalformedPayloadAmongConcurrentWrites_FailsOnlyThatWrite()
    {
        var ids = Enumerable.Range(0, 30).Select(_ => NewId()).ToArray();

        var writes = ids.Select((id, i) => Task.Run(() =>
            _storage.WriteAsync(id, Json(i == 13 ? "{not json" : $$"""{"i":{{i}}}"""), null, CancellationToken.None))).ToArray();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.IsType<Npgsql.PostgresException>(writes[13].Exception!.InnerException);
        Assert.All(writes.Where((_, i) => i != 13), w => Assert.True(w.IsCompletedSuccessfully));
        Assert.Null(await _storage.ReadAsync(ids[13], CancellationToken.None));
        AssertJsonEqual("""{"i":29}""", (await _storage.ReadAsync(ids[29], CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task WriteAsync_AlreadyCancelledToken_DoesNotWrite()
    {
        var id = NewId();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _storage.WriteAsync(id, Json("""{"n":1}"""), null, new CancellationToken(canceled: true)));

        Assert.Null(await _storage.ReadAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_NothingStored_ReturnsNull()
    {
        Assert.Null(await _storage.ReadAsync(NewId(), CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_NullEtag_InsertsVersionOneAndReadsBack()
    {
        var id = NewId();

        var etag = await _storage.WriteAsync(id, Json("""{"v":1,"name":"Rex","weightKg":31.5}"""), null, CancellationToken.None);

        var stored = await _storage.ReadAsync(id, CancellationToken.None);
        Assert.Equal("1", etag);
        Assert.NotNull(stored);
        Assert.Equal("1", stored.Etag);
        AssertJsonEqual("""{"v":1,"name":"Rex","weightKg":31.5}""", stored.Payload);
    }

    [Fact]
    public async Task WriteAsync_CurrentEtag_ReplacesPayloadAndIncrementsVersion()
    {
        var id = NewId();
        var first = await _storage.WriteAsync(id, Json("""{"n":1}"""), null, CancellationToken.None);

        var second = await _storage.WriteAsync(id, Json("""{"n":2}"""), first, CancellationToken.None);

        Assert.Equal("2", second);
        AssertJsonEqual("""{"n":2}""", (await _storage.ReadAsync(id, CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task WriteAsync_NullEtagOverExistingRow_ThrowsWithStoredVersion()
    {
        var id = NewId();
        await _storage.WriteAsync(id, Json("""{"n":1}"""), null, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteAsync(id, Json("""{"n":2}"""), null, CancellationToken.None));

        Assert.Equal("1", conflict.StoredEtag);
        Assert.Null(conflict.CurrentEtag);
        AssertJsonEqual("""{"n":1}""", (await _storage.ReadAsync(id, CancellationToken.None))!.Payload);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("not-a-version")]
    public async Task WriteAsync_WrongEtag_ThrowsAndKeepsStoredState(string wrongEtag)
    {
        var id = NewId();
        await _storage.WriteAsync(id, Json("""{"n":1}"""), null, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteAsync(id, Json("""{"n":2}"""), wrongEtag, CancellationToken.None));

        Assert.Equal(wrongEtag, conflict.CurrentEtag);
        Assert.Equal("1", (await _storage.ReadAsync(id, CancellationToken.None))!.Etag);
    }

    [Fact]
    public async Task WriteAsync_EtagButNoRow_Throws()
    {
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteAsync(NewId(), Json("""{"n":1}"""), "1", CancellationToken.None));

        Assert.Null(conflict.StoredEtag);
    }

    [Fact]
    public async Task WriteAsync_TwoConcurrentWritersWithSameEtag_ExactlyOneWinsAndItsWriteIsKept()
    {
        for (var round = 0; round < 25; round++)
        {
            var id = NewId();
            var etag = await _storage.WriteAsync(id, Json("""{"writer":"none"}"""), null, CancellationToken.None);

            var a = Task.Run(() => _storage.WriteAsync(id, Json("""{"writer":"a"}"""), etag, CancellationToken.None));
            var b = Task.Run(() => _storage.WriteAsync(id, Json("""{"writer":"b"}"""), etag, CancellationToken.None));
            await Task.WhenAll(a.ContinueWith(_ => { }, TaskScheduler.Default), b.ContinueWith(_ => { }, TaskScheduler.Default));

            var winners = new[] { (Name: "a", Task: a), (Name: "b", Task: b) }.Where(w => w.Task.IsCompletedSuccessfully).ToList();
            var losers = new[] { a, b }.Where(t => t.IsFaulted).ToList();
            Assert.Single(winners);
            Assert.IsType<InconsistentStateException>(Assert.Single(losers).Exception!.InnerException);

            var stored = (await _storage.ReadAsync(id, CancellationToken.None))!;
            Assert.Equal("2", stored.Etag);
            Assert.Equal(await winners[0].Task, stored.Etag);
            AssertJsonEqual($$"""{"writer":"{{winners[0].Name}}"}""", stored.Payload);
        }
    }

    [Fact]
    public async Task ClearAsync_CurrentEtag_KeepsRowWithNullPayloadAndNextVersion()
    {
        var id = NewId();
        var etag = await _storage.WriteAsync(id, Json("""{"n":1}"""), null, CancellationToken.None);

        var cleared = await _storage.ClearAsync(id, etag, CancellationToken.None);

        var stored = await _storage.ReadAsync(id, CancellationToken.None);
        Assert.Equal("2", cleared);
        Assert.NotNull(stored);
        Assert.Null(stored.Payload);
        Assert.Equal("2", stored.Etag);

        // Writing after a clear continues the version sequence from the clear's ETag.
        Assert.Equal("3", await _storage.WriteAsync(id, Json("""{"n":3}"""), cleared, CancellationToken.None));
    }

    [Fact]
    public async Task ClearAsync_NullEtagAndNothingStored_ReturnsNullAndStoresNothing()
    {
        var id = NewId();

        Assert.Null(await _storage.ClearAsync(id, null, CancellationToken.None));
        Assert.Null(await _storage.ReadAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task ClearAsync_NullEtagButRowExists_Throws()
    {
        var id = NewId();
        await _storage.WriteAsync(id, Json("""{"n":1}"""), null, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearAsync(id, null, CancellationToken.None));

        Assert.Equal("1", conflict.StoredEtag);
    }

    [Fact]
    public async Task ClearAsync_StaleEtag_ThrowsAndKeepsPayload()
    {
        var id = NewId();
        var first = await _storage.WriteAsync(id, Json("""{"n":1}"""), null, CancellationToken.None);
        await _storage.WriteAsync(id, Json("""{"n":2}"""), first, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearAsync(id, first, CancellationToken.None));

        AssertJsonEqual("""{"n":2}""", (await _storage.ReadAsync(id, CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task WriteAsync_PayloadGainsField_OldAndNewFieldsQueryableAsJsonb()
    {
        var id = NewId();
        var etag = await _storage.WriteAsync(id, Json("""{"v":1,"name":"Rex"}"""), null, CancellationToken.None);

        await _storage.WriteAsync(id, Json("""{"v":2,"name":"Rex","microchip":"985112004567890"}"""), etag, CancellationToken.None);

        await using var command = _database.DataSource.CreateCommand(
            "SELECT payload->>'name', payload->>'microchip' FROM vetactors_grain_state WHERE grain_key = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id.GrainKey });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Rex", reader.GetString(0));
        Assert.Equal("985112004567890", reader.GetString(1));
    }

    [Fact]
    public async Task WriteAsync_SameKeyAndStateNameForTwoGrainTypes_KeepsTwoRows()
    {
        var pet = NewId() with { GrainType = "pet" };
        var client = pet with { GrainType = "client" };

        await _storage.WriteAsync(pet, Json("""{"kind":"pet"}"""), null, CancellationToken.None);
        await _storage.WriteAsync(client, Json("""{"kind":"client"}"""), null, CancellationToken.None);

        AssertJsonEqual("""{"kind":"pet"}""", (await _storage.ReadAsync(pet, CancellationToken.None))!.Payload);
        AssertJsonEqual("""{"kind":"client"}""", (await _storage.ReadAsync(client, CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task WriteAsync_StoresReadableKeys()
    {
        var id = new GrainStateId($"svc-{Guid.NewGuid():N}", "pet", "clinic-42/pet/1733", "profile");

        await _storage.WriteAsync(id, Json("""{"n":1}"""), null, CancellationToken.None);

        await using var command = _database.DataSource.CreateCommand(
            "SELECT grain_type || ' ' || grain_key || ' ' || state_name FROM vetactors_grain_state WHERE service_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id.ServiceId });
        Assert.Equal("pet clinic-42/pet/1733 profile", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task WriteAsync_NotJson_FailsWithoutStoring()
    {
        var id = NewId();

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _storage.WriteAsync(id, Json("not json"), null, CancellationToken.None));

        Assert.Null(await _storage.ReadAsync(id, CancellationToken.None));
    }

    private static GrainStateId NewId() => new("svc", "pet", $"clinic-1/pet/{Guid.NewGuid():N}", "state");

    private static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);

    // jsonb stores a normalised document (key order, spacing), so equality is by content.
    private static void AssertJsonEqual(string expected, ReadOnlyMemory<byte>? actual)
    {
        Assert.NotNull(actual);
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual.Value);
        Assert.True(JsonElement.DeepEquals(expectedDocument.RootElement, actualDocument.RootElement),
            $"expected {expected}, got {Encoding.UTF8.GetString(actual.Value.Span)}");
    }
}
