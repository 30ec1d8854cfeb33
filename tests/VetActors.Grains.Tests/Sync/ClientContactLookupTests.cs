using Microsoft.Extensions.DependencyInjection;
using VetActors.Grains.Clients;
using VetActors.Grains.Consent;
using VetActors.Grains.Identity;
using VetActors.Grains.Sync;
using VetActors.Grains.Sync.Internal;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

public sealed class ClientContactLookupTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    private PimsClientDirectory _directory = null!;

    public async Task InitializeAsync()
    {
        await _c.InitializeAsync();
        _directory = ActivatorUtilities.CreateInstance<PimsClientDirectory>(_c.Cluster.Services);
        await _c.ImportAsync(
            Client("PIMS-1", first: "Ann", last: "Lee", email: "Ann.Lee@Example.com", phones: ["(555) 010-2030"]),
            Client("PIMS-2", first: "Tom", last: "Park", email: "tom@example.org", phones: ["+1 555 010 2030"]),
            Client("PIMS-3", first: "Carla", last: "Mendez", email: "carla@example.com", phones: ["555 777 1234"]));
    }

    public Task DisposeAsync() => _c.DisposeAsync();

    [Theory]
    [InlineData("ann.lee@example.com", "p-PIMS-1")]
    [InlineData("  ANN.LEE@EXAMPLE.COM ", "p-PIMS-1")]
    [InlineData("555.777.1234", "p-PIMS-3")]
    [InlineData("+1 (555) 777-1234", "p-PIMS-3")]
    public async Task FindAsync_UniqueMatch_ReturnsContact(string typed, string expectedClientId)
    {
        var contact = await ((IClientContactDirectory)_directory).FindAsync(SyncCluster.ClinicId, typed);

        Assert.NotNull(contact);
        Assert.Equal(expectedClientId, contact.ClientId);
    }

    [Fact]
    public async Task FindAsync_ByPhone_MobileIsTheNumberOnFile()
    {
        var contact = await ((IClientContactDirectory)_directory).FindAsync(SyncCluster.ClinicId, "5557771234");

        Assert.Equal(new ClientContact("p-PIMS-3", "carla@example.com", "555 777 1234"), contact);
    }

    [Theory]
    [InlineData("555-010-2030")]
    [InlineData("nobody@example.com")]
    [InlineData("555 000 9999")]
    [InlineData("12")]
    public async Task FindAsync_SharedOrUnknown_ReturnsNull(string typed)
    {
        Assert.Null(await ((IClientContactDirectory)_directory).FindAsync(SyncCluster.ClinicId, typed));
    }

    [Fact]
    public async Task FindAsync_SharedEmail_ReturnsNull()
    {
        await _c.Client("portal-1").CreateAsync(new ClientDetails("Carl", "Mendez", null, [], "CARLA@example.com"), "portal");

        Assert.Null(await ((IClientContactDirectory)_directory).FindAsync(SyncCluster.ClinicId, "carla@example.com"));
    }

    [Fact]
    public async Task FindAsync_OtherClinic_ReturnsNull()
    {
        Assert.Null(await ((IClientContactDirectory)_directory).FindAsync("43", "carla@example.com"));
    }

    [Fact]
    public async Task FindAsync_DeletedClient_ReturnsNull()
    {
        await _c.SendAsync(Deletion("d1", PimsRecordKind.Client, "PIMS-3", 9));

        Assert.Null(await ((IClientContactDirectory)_directory).FindAsync(SyncCluster.ClinicId, "carla@example.com"));
        Assert.Empty(await ((IClientPhoneDirectory)_directory).FindClientIdsAsync(SyncCluster.ClinicId, "555 777 1234"));
    }

    [Fact]
    public async Task FindClientIdsAsync_SharedPhone_ReturnsEachClient()
    {
        var ids = await ((IClientPhoneDirectory)_directory).FindClientIdsAsync(SyncCluster.ClinicId, "+15550102030");

        Assert.Equal(["p-PIMS-1", "p-PIMS-2"], ids);
    }

    [Fact]
    public async Task FindClientIdsAsync_AfterSiloRestart_AnswersFromRebuiltIndex()
    {
        await _c.Cluster.KillAsync();
        await _c.Cluster.StartAsync();
        _directory = ActivatorUtilities.CreateInstance<PimsClientDirectory>(_c.Cluster.Services);

        Assert.Equal(["p-PIMS-3"], await ((IClientPhoneDirectory)_directory).FindClientIdsAsync(SyncCluster.ClinicId, "555-777-1234"));
    }
}
