using VetActors.Actors.Storage;

namespace VetActors.Actors.Tests.Storage;

public sealed class InMemoryGrainStorageTests
{
    private static readonly GrainStateId Id = new("svc", "pet", "clinic-1/pet/1", "profile");
    private readonly InMemoryGrainStorage _storage = new();

    [Fact]
    public async Task Write_NullEtagOnMissingRow_InsertsVersionOne()
    {
        var etag = await _storage.WriteAsync(Id, "{}"u8.ToArray(), null, CancellationToken.None);

        Assert.Equal("1", etag);
        Assert.Equal("{}"u8.ToArray(), (await _storage.ReadAsync(Id, CancellationToken.None))!.Payload!.Value.ToArray());
    }

    [Fact]
    public async Task Write_NullEtagOnExistingRow_Conflicts()
    {
        await _storage.WriteAsync(Id, "{}"u8.ToArray(), null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteAsync(Id, "{}"u8.ToArray(), null, CancellationToken.None));

        Assert.Equal("1", error.StoredEtag);
        Assert.Null(error.CurrentEtag);
    }

    [Fact]
    public async Task Write_StaleEtag_ConflictsAndKeepsTheNewerPayload()
    {
        await _storage.WriteAsync(Id, "1"u8.ToArray(), null, CancellationToken.None);
        await _storage.WriteAsync(Id, "2"u8.ToArray(), "1", CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteAsync(Id, "3"u8.ToArray(), "1", CancellationToken.None));

        var record = await _storage.ReadAsync(Id, CancellationToken.None);
        Assert.Equal("2", record!.Etag);
        Assert.Equal("2"u8.ToArray(), record.Payload!.Value.ToArray());
    }

    [Fact]
    public async Task Clear_KeepsTheRowWithoutPayloadAndBumpsTheVersion()
    {
        await _storage.WriteAsync(Id, "1"u8.ToArray(), null, CancellationToken.None);

        var etag = await _storage.ClearAsync(Id, "1", CancellationToken.None);

        var record = await _storage.ReadAsync(Id, CancellationToken.None);
        Assert.Equal("2", etag);
        Assert.Null(record!.Payload);
        Assert.Equal("3", await _storage.WriteAsync(Id, "x"u8.ToArray(), "2", CancellationToken.None));
    }

    [Fact]
    public async Task Clear_NothingStoredAndNullEtag_ReturnsNull()
    {
        Assert.Null(await _storage.ClearAsync(Id, null, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearAsync(Id, "4", CancellationToken.None));
    }

    [Fact]
    public async Task Rows_OfDifferentGrainTypesWithTheSameKey_DoNotCollide()
    {
        await _storage.WriteAsync(Id, "pet"u8.ToArray(), null, CancellationToken.None);

        await _storage.WriteAsync(Id with { GrainType = "client" }, "client"u8.ToArray(), null, CancellationToken.None);

        Assert.Equal("pet"u8.ToArray(), (await _storage.ReadAsync(Id, CancellationToken.None))!.Payload!.Value.ToArray());
    }
}
