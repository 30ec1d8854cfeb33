using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Testing;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Identity;

public sealed class SignInCodeGrainTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    private InMemoryOutbox Outbox => (InMemoryOutbox)_cluster.Services.GetRequiredService<IOutbox>();

    public async Task InitializeAsync()
    {
        _cluster = await IdentityCluster.StartAsync();
        await _cluster.GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic("clinic-1")).CreateAsync(new NewClinic(
            new ClinicProfile("clinic-1", "Riverside", "1 River Road", "+1 555 010 0199", "", "", "UTC", "+1 555 010 0100", PimsKind.Pulse, "P1"),
            "front desk password 1"));
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task SendCode_BySms_GoesToTheMobileOnTheRecord()
    {
        await Codes().SendCodeAsync(new ClientContact("c1", "owner@example.com", "+15550100123"), bySms: true);

        var message = Assert.Single(Outbox.Messages);
        Assert.Equal((MessageChannel.Sms, "+15550100123"), (message.Channel, message.To));
        Assert.Matches(@"^\d{6} is your Riverside sign-in code", message.Body);
    }

    [Fact]
    public async Task SendCode_PastTheHourlyLimit_SendsNothingMore()
    {
        var contact = new ClientContact("c1", "owner@example.com", null);
        for (var i = 0; i < 7; i++)
        {
            await Codes().SendCodeAsync(contact, bySms: false);
        }

        var sentInTheHour = Outbox.Messages.Count;
        _cluster.TimeProvider.Advance(TimeSpan.FromHours(1));
        await Codes().SendCodeAsync(contact, bySms: false);

        Assert.Equal(5, sentInTheHour);
        Assert.Equal(6, Outbox.Messages.Count);
    }

    [Fact]
    public async Task NewCode_ReplacesTheEarlierOne()
    {
        var contact = new ClientContact("c1", "owner@example.com", null);
        await Codes().SendCodeAsync(contact, bySms: false);
        var first = System.Text.RegularExpressions.Regex.Match(Outbox.Messages[0].Body, @"\d{6}").Value;
        await Codes().SendCodeAsync(contact, bySms: false);
        var second = System.Text.RegularExpressions.Regex.Match(Outbox.Messages[1].Body, @"\d{6}").Value;

        if (first != second)
        {
            await Assert.ThrowsAsync<AuthenticationFailedException>(() => Codes().VerifyAsync(first));
        }

        var session = await Codes().VerifyAsync(second);
        Assert.StartsWith("vs~clinic-1~", session.Token, StringComparison.Ordinal);
    }

    private ISignInCodeGrain Codes() => _cluster.GrainFactory.GetGrain<ISignInCodeGrain>(IdentityKeys.SignInCode("clinic-1", "c1"));
}
