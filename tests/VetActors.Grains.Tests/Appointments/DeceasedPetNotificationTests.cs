using Microsoft.Extensions.DependencyInjection;
using VetActors.Grains.Appointments;
using VetActors.Grains.Appointments.Internal;
using VetActors.Grains.Audit;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Outbox;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Appointments;

/// <summary>
/// The appointment's messages to the owner are the one path by which a pet's owner is written to; through the real
/// notifier and outbox, they stop once the PIMS reports the pet deceased, and the clinic's audit log says what was withheld.
/// </summary>
public sealed class DeceasedPetNotificationTests : IAsyncLifetime
{
    private AppointmentWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await AppointmentWorld.StartAsync(services => services
            .AddSingleton<IOutbox, InMemoryOutbox>()
            .AddSingleton<IAppointmentNotifier, OutboxAppointmentNotifier>());
        await _world.Grains.GetGrain<IClientGrain>(GrainKeys.Client(AppointmentWorld.Clinic, "client-7"))
            .CreateAsync(new ClientDetails("Ann", "Lee", null, [], "ann@example.com"), "portal");
        await PetAsync(version: 1, deceased: false);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private InMemoryOutbox Outbox => (InMemoryOutbox)_world.Cluster.Services.GetRequiredService<IOutbox>();

    // pet-3 is the pet AppointmentWorld books for; the PIMS update reaches it as the sync grain would send it.
    private Task PetAsync(long version, bool deceased) =>
        _world.Grains.GetGrain<IPetGrain>(GrainKeys.Pet(AppointmentWorld.Clinic, "pet-3"))
            .ApplyPimsAsync(new PetPimsUpdate("client-7", [Patient("pims-3", "pims-client-7", version, name: "Rex", deceased: deceased)], SyncPolicy.Default));

    [Fact]
    public async Task RequestMoreInformation_PetAlive_OwnerEmailed()
    {
        var appointment = await _world.BookAsync("VA-AAAAAA");

        await appointment.RequestMoreInformationAsync("Please add a photo of the left ear.");

        var sent = Assert.Single(Outbox.Messages);
        Assert.Equal(("ann@example.com", "client-7", "pet-3"), (sent.To, sent.ClientId, sent.PetId));
    }

    [Fact]
    public async Task RequestMoreInformation_PetReportedDeceased_NotSentAndWithheldMessageAudited()
    {
        var appointment = await _world.BookAsync("VA-BBBBBB");
        await appointment.RequestMoreInformationAsync("Please add a photo of the left ear.");

        await PetAsync(version: 2, deceased: true);
        await appointment.RequestMoreInformationAsync("And one of the right ear.");

        Assert.Equal(["Please add a photo of the left ear."], Outbox.Messages.Select(m => m.Body));
        var entries = await AuditLog.For(_world.Grains, AppointmentWorld.Clinic).ReadAsync(0, 100);
        var withheld = Assert.Single(entries, e => e.Action == "notification.withheld");
        Assert.Equal("pet/pet-3", withheld.Target);
        Assert.Contains("client client-7", withheld.After, StringComparison.Ordinal);
        Assert.Contains("VA-BBBBBB", withheld.After, StringComparison.Ordinal);
        Assert.Contains("Rex) is deceased", withheld.After, StringComparison.Ordinal);
    }
}
