using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Clients;

public sealed class ClientGrainTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task Create_PortalClient_IndexedForSearchWithoutPimsData()
    {
        var profile = await _c.Client("web-1").CreateAsync(new ClientDetails("Dana", "Fox", null, ["5550101111"], "dana@example.com"), "portal");

        Assert.Equal("portal", profile.Source);
        Assert.Null(profile.DataAsOf);
        Assert.Equal("web-1", Assert.Single((await _c.Sync.SearchClientsAsync("fox", 5)).Clients).ClientId);
    }

    [Fact]
    public async Task Create_Twice_AlreadyExists()
    {
        var details = new ClientDetails("Dana", "Fox", null, [], null);
        await _c.Client("web-1").CreateAsync(details, "portal");

        await Assert.ThrowsAsync<AlreadyExistsException>(() => _c.Client("web-1").CreateAsync(details, "portal"));
    }

    [Fact]
    public async Task Create_MalformedEmail_InvalidArgumentWithField()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(
            () => _c.Client("web-1").CreateAsync(new ClientDetails("Dana", "Fox", null, [], "dana-at-example"), "portal"));

        Assert.Equal("email", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task GetProfile_Unknown_NotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _c.Client("nobody").GetProfileAsync());
    }
}
