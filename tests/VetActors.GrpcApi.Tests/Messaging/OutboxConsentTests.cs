using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Outbox;
using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.Messaging;

public sealed class OutboxConsentTests : IAsyncLifetime
{
    private const string ClientId = "c-1";
    private readonly ApiTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Enqueue_SmsToAClientOptedOutOfSms_IsRefusedAndNothingIsQueued()
    {
        await OptOutAsync(ConsentChannel.Sms);

        var error = await Assert.ThrowsAsync<RuleViolation>(() => _host.Outbox.EnqueueAsync(Message(MessageChannel.Sms)));

        Assert.Equal(OutboxRules.RecipientOptedOut, error.Code);
        Assert.Empty(_host.Outbox.Messages);
    }

    [Fact]
    public async Task Enqueue_EmailToAClientOptedOutOfEmail_IsRefusedAndNothingIsQueued()
    {
        await OptOutAsync(ConsentChannel.Email);

        var error = await Assert.ThrowsAsync<RuleViolation>(() => _host.Outbox.EnqueueAsync(Message(MessageChannel.Email)));

        Assert.Equal(OutboxRules.RecipientOptedOut, error.Code);
        Assert.Empty(_host.Outbox.Messages);
    }

    [Fact]
    public async Task Enqueue_EmailToAClientOptedOutOfSmsOnly_IsQueued()
    {
        await OptOutAsync(ConsentChannel.Sms);

        await _host.Outbox.EnqueueAsync(Message(MessageChannel.Email));

        Assert.Single(_host.Outbox.Messages);
    }

    [Fact]
    public async Task Enqueue_KeywordReplyToAnOptedOutClient_IsQueued()
    {
        await OptOutAsync(ConsentChannel.Sms);

        await _host.Outbox.EnqueueAsync(Message(MessageChannel.Sms) with { IsKeywordReply = true });

        Assert.Single(_host.Outbox.Messages);
    }

    [Fact]
    public async Task Enqueue_SmsToAClientWhoNeverOptedOut_IsQueued()
    {
        await _host.Outbox.EnqueueAsync(Message(MessageChannel.Sms));

        Assert.Single(_host.Outbox.Messages);
    }

    private static OutgoingMessage Message(MessageChannel channel) =>
        new OutgoingMessage("clinic-a", channel, channel is MessageChannel.Sms ? "+15550123456" : "owner@example.com", "Reminder", "Rex is due.")
        {
            ClientId = ClientId,
        };

    private Task OptOutAsync(ConsentChannel channel) =>
        _host.Grains.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent("clinic-a", ClientId)).SetPreferenceAsync(PreferenceChange.ByClient(channel, false));
}
