using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

/// <summary>An older version never overwrites a newer one: not for deletions, and not for who owns a pet.</summary>
public sealed class VersionOrderingTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    private async Task<string[]> PetsOf(string pimsClientId) => [.. (await _c.PimsClient(pimsClientId).GetPetsAsync()).Select(p => p.PimsId!)];

    [Fact]
    public async Task ApplyBatch_OlderPatientDeletion_PetStaysWithItsOwner()
    {
        await _c.ImportAsync(Client("c1"), Patient("p1", "c1", version: 5));

        var ack = await _c.SendAsync(Deletion("d1", PimsRecordKind.Patient, "p1", version: 3));

        Assert.Contains("newer", Assert.Single(ack.Applied).Reason);
        Assert.Equal(["p1"], await PetsOf("c1"));
        Assert.False((await _c.PimsPet("p1").GetProfileAsync()).Deleted);
    }

    [Fact]
    public async Task ApplyBatch_NewerPatientDeletion_PetLeavesItsOwnersList()
    {
        await _c.ImportAsync(Client("c1"), Patient("p1", "c1", version: 5));

        await _c.SendAsync(Deletion("d1", PimsRecordKind.Patient, "p1", version: 6));

        Assert.Empty(await PetsOf("c1"));
        Assert.True((await _c.PimsPet("p1").GetProfileAsync()).Deleted);
    }

    [Fact]
    public async Task ApplyBatch_PatientRecreatedAfterDeletion_BackOnItsOwnersList()
    {
        await _c.ImportAsync(Client("c1"), Patient("p1", "c1", version: 5));
        await _c.SendAsync(Deletion("d1", PimsRecordKind.Patient, "p1", version: 6));

        await _c.SendAsync(Patient("p1", "c1", version: 7));

        Assert.Equal(["p1"], await PetsOf("c1"));
    }

    [Fact]
    public async Task ApplyBatch_OlderPatientRecordNamingAnotherOwner_PetNotMoved()
    {
        await _c.ImportAsync(Client("c1"), Client("c2", first: "Bo", email: "bo@example.com"), Patient("p1", "c1", version: 5));

        var ack = await _c.SendAsync(Patient("p1", "c2", version: 3));

        Assert.Contains("newer", Assert.Single(ack.Applied).Reason);
        Assert.Equal(["p1"], await PetsOf("c1"));
        Assert.Empty(await PetsOf("c2"));
        Assert.Equal(PimsSyncKeys.ClientIdFor("c1"), (await _c.PimsPet("p1").GetProfileAsync()).OwnerClientId);
    }

    [Fact]
    public async Task ApplyBatch_NewerPatientRecordNamingAnotherOwner_PetMoves()
    {
        await _c.ImportAsync(Client("c1"), Client("c2", first: "Bo", email: "bo@example.com"), Patient("p1", "c1", version: 5));

        await _c.SendAsync(Patient("p1", "c2", version: 6));

        Assert.Empty(await PetsOf("c1"));
        Assert.Equal(["p1"], await PetsOf("c2"));
        Assert.Equal(PimsSyncKeys.ClientIdFor("c2"), (await _c.PimsPet("p1").GetProfileAsync()).OwnerClientId);
    }

    [Fact]
    public async Task ApplyBatch_NewerThenOlderOwnerInOneBatch_NewerOwnerKept()
    {
        await _c.ImportAsync(Client("c1"), Client("c2", first: "Bo", email: "bo@example.com"), Patient("p1", "c1", version: 5));

        await _c.SendAsync(Patient("p1", "c2", version: 7), Patient("p1", "c1", version: 6));

        Assert.Empty(await PetsOf("c1"));
        Assert.Equal(["p1"], await PetsOf("c2"));
    }

    [Fact]
    public async Task ApplyBatch_OlderPatientAfterDeletionOfUnseenPatient_NotCreated()
    {
        await _c.ImportAsync(Client("c1"));
        await _c.SendAsync(Deletion("d1", PimsRecordKind.Patient, "p9", version: 5));

        var ack = await _c.SendAsync(Patient("p9", "c1", version: 4));

        Assert.Contains("newer", Assert.Single(ack.Applied).Reason);
        Assert.Empty(await PetsOf("c1"));
    }

    [Fact]
    public async Task ApplyBatch_OlderClientAfterDeletionOfUnseenClient_NotCreated()
    {
        await _c.ImportAsync(Client("c1"));
        await _c.SendAsync(Deletion("d1", PimsRecordKind.Client, "c9", version: 5));

        var ack = await _c.SendAsync(Client("c9", version: 4, first: "Cy", email: "cy@example.com"));

        Assert.Contains("newer", Assert.Single(ack.Applied).Reason);
        Assert.Empty(await _c.Sync.FindClientsByContactAsync("cy@example.com"));
        Assert.DoesNotContain((await _c.Sync.SearchClientsAsync("Cy", 10)).Clients, h => h.ClientId == PimsSyncKeys.ClientIdFor("c9"));
    }

    [Fact]
    public async Task ApplyBatch_NewerClientAfterDeletionOfUnseenClient_Created()
    {
        await _c.ImportAsync(Client("c1"));
        await _c.SendAsync(Deletion("d1", PimsRecordKind.Client, "c9", version: 5));

        await _c.SendAsync(Client("c9", version: 6, first: "Cy", email: "cy@example.com"));

        Assert.Equal("Cy", (await _c.PimsClient("c9").GetProfileAsync()).Details.FirstName);
    }
}
