using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VetActors.Grains.Appointments;
using VetActors.Grains.Appointments.Internal;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Outbox;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Appointments;

public sealed class OutboxAppointmentNotifierTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ClientNotification_GoesToTheEmailOnTheClientRecord_WithTheClientNamedForConsent()
    {
        await using var cluster = await IdentityCluster.StartAsync();
        var (notifier, outbox) = Create(cluster);
        await cluster.GrainFactory.GetGrain<IClientGrain>(GrainKeys.Client("42", "c-1"))
            .CreateAsync(new ClientDetails("Ada", "Lovelace", null, ["+1 555 0100"], "ada@example.com"), "portal");

        await notifier.NotifyAsync(Notification("c-1"), CancellationToken.None);

        var sent = Assert.Single(outbox.Messages);
        Assert.Equal(("ada@example.com", MessageChannel.Email, "c-1"), (sent.To, sent.Channel, sent.ClientId));
        Assert.Contains("VA-ABC234", sent.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientNotification_ClientOptedOutOfEmail_IsNotSent()
    {
        await using var cluster = await IdentityCluster.StartAsync();
        var (notifier, outbox) = Create(cluster);
        await cluster.GrainFactory.GetGrain<IClientGrain>(GrainKeys.Client("42", "c-1"))
            .CreateAsync(new ClientDetails("Ada", "Lovelace", null, [], "ada@example.com"), "portal");
        await cluster.GrainFactory.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent("42", "c-1"))
            .SetPreferenceAsync(PreferenceChange.ByClient(ConsentChannel.Email, optedIn: false));

        await notifier.NotifyAsync(Notification("c-1"), CancellationToken.None);

        Assert.Empty(outbox.Messages);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ClientNotification_NoEmailOnRecordOrNoRecord_IsNotSent(string? email)
    {
        await using var cluster = await IdentityCluster.StartAsync();
        var (notifier, outbox) = Create(cluster);
        await cluster.GrainFactory.GetGrain<IClientGrain>(GrainKeys.Client("42", "c-1"))
            .CreateAsync(new ClientDetails("Ada", "Lovelace", null, [], email), "portal");

        await notifier.NotifyAsync(Notification("c-1"), CancellationToken.None);
        await notifier.NotifyAsync(Notification("c-unknown"), CancellationToken.None);

        Assert.Empty(outbox.Messages);
    }

    private static (OutboxAppointmentNotifier Notifier, InMemoryOutbox Outbox) Create(Actors.Testing.TestCluster cluster)
    {
        var outbox = (InMemoryOutbox)cluster.Services.GetRequiredService<IOutbox>();
        return (new OutboxAppointmentNotifier(cluster.GrainFactory, outbox, NullLogger<OutboxAppointmentNotifier>.Instance), outbox);
    }

    private static AppointmentNotification Notification(string clientId) =>
        new("42", "VA-ABC234", CallParty.Client, clientId, NotificationKind.MoreInformationRequested, "Please send a photo of the wound.", At);
}
