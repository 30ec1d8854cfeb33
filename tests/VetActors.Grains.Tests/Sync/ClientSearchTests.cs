using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

public sealed class ClientSearchTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public async Task InitializeAsync()
    {
        await _c.InitializeAsync();
        await _c.ImportAsync(
            Client("PIMS-1", first: "Ann", last: "Lee", email: "ann.lee@example.com", phones: ["(555) 010-2030"]),
            Client("PIMS-2", first: "Bob", last: "Leeds", email: "bob@example.org", phones: ["555 777 1234"]),
            Client("PIMS-3", first: "Carla", last: "Mendez", email: "carla@example.com"));
    }

    public Task DisposeAsync() => _c.DisposeAsync();

    [Theory]
    [InlineData("lee", new[] { "PIMS-1", "PIMS-2" })]
    [InlineData("ann lee", new[] { "PIMS-1" })]
    [InlineData("carla@example.com", new[] { "PIMS-3" })]
    [InlineData("555-010-2030", new[] { "PIMS-1" })]
    [InlineData("1234", new[] { "PIMS-2" })]
    [InlineData("pims-3", new[] { "PIMS-3" })]
    [InlineData("zed", new string[0])]
    public async Task Search_ByNamePhoneEmailOrPimsId_FindsClients(string query, string[] expected)
    {
        var hits = (await _c.Sync.SearchClientsAsync(query, 20)).Clients;

        Assert.Equal(expected, hits.Select(h => h.PimsId));
    }

    [Theory]
    [InlineData("lee")]
    [InlineData("ann lee")]
    [InlineData("carla@example.com")]
    [InlineData("555-010-2030")]
    [InlineData("1234")]
    [InlineData("pims-3")]
    [InlineData("zed")]
    [InlineData("L")]
    public async Task SearchOutsideTheGrain_AnyQuery_AnswersWhatTheGrainAnswers(string query)
    {
        var fromGrain = (await _c.Sync.SearchClientsAsync(query, 20)).Clients;

        var published = (await _c.Search.SearchAsync(SyncCluster.ClinicId, query, 20)).Clients;

        Assert.Equal(fromGrain, published);
    }

    [Fact]
    public async Task SearchOutsideTheGrain_Limit_StopsInNameOrder()
    {
        var hits = (await _c.Search.SearchAsync(SyncCluster.ClinicId, "l", 1)).Clients;

        Assert.Equal("PIMS-1", Assert.Single(hits).PimsId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SearchOutsideTheGrain_BlankQuery_FailsValidation(string query)
    {
        await Assert.ThrowsAsync<VetActors.Grains.Common.ValidationException>(() => _c.Search.SearchAsync(SyncCluster.ClinicId, query, 20).AsTask());
    }

    [Fact]
    public async Task SearchOutsideTheGrain_AfterSiloRestart_ActivatesTheGrainWhichRepublishes()
    {
        await _c.Cluster.KillAsync();
        await _c.Cluster.StartAsync();

        Assert.Equal("PIMS-3", Assert.Single((await _c.Search.SearchAsync(SyncCluster.ClinicId, "mendez", 20)).Clients).PimsId);
        Assert.Equal(2, (await _c.Search.SearchAsync(SyncCluster.ClinicId, "lee", 20)).Clients.Count);
    }

    [Fact]
    public async Task Search_AfterSiloRestart_IndexRebuiltFromStorage()
    {
        await _c.Cluster.KillAsync();
        await _c.Cluster.StartAsync();

        Assert.Single((await _c.Sync.SearchClientsAsync("mendez", 20)).Clients);
    }

    [Fact]
    public async Task Search_DeletedClient_NotFound()
    {
        await _c.SendAsync(Records.Deletion("d1", VetActors.Grains.Sync.PimsRecordKind.Client, "PIMS-3", 9));

        Assert.Empty((await _c.Sync.SearchClientsAsync("carla", 20)).Clients);
    }
}
