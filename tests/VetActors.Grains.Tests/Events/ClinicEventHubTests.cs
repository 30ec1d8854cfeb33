using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.Grains.Events;
using VetActors.Grains.Events.Internal;

namespace VetActors.Grains.Tests.Events;

public sealed class ClinicEventHubTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Publish_ClientEvent_ReachesTheClinicAndThatClientOnly()
    {
        var hub = Hub();
        using var clinic = hub.SubscribeToClinic("42");
        using var ann = hub.SubscribeToClient("42", "ann");
        using var bob = hub.SubscribeToClient("42", "bob");
        using var otherClinic = hub.SubscribeToClinic("43");

        hub.Publish(Posted("42", "ann", "hello"));
        hub.Publish(Posted("42", "bob", "marker"));
        hub.Publish(Posted("43", "cid", "marker"));

        Assert.Equal(["hello", "marker"], await TextsAsync(clinic, 2));
        Assert.Equal(["hello"], await TextsAsync(ann, 1));
        Assert.Equal(["marker"], await TextsAsync(bob, 1));
        Assert.Equal(["marker"], await TextsAsync(otherClinic, 1));
    }

    [Fact]
    public async Task Publish_EventsOfOneClient_ArriveInPublishOrder()
    {
        var hub = Hub(capacity: 64);
        using var ann = hub.SubscribeToClient("42", "ann");

        for (var i = 0; i < 50; i++)
        {
            hub.Publish(Posted("42", "ann", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), await TextsAsync(ann, 50));
    }

    [Fact]
    public async Task Publish_SubscriberThatStoppedReading_IsDroppedWithoutBlockingAndOthersKeepTheirEvents()
    {
        var hub = Hub(capacity: 4);
        using var stalled = hub.SubscribeToClinic("42");
        using var reader = hub.SubscribeToClinic("42");
        var readerEvents = reader.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();

        for (var i = 0; i < 4; i++)
        {
            hub.Publish(Posted("42", "ann", "kept " + i));
            Assert.True(await readerEvents.MoveNextAsync());
        }

        // The fifth event finds the stalled subscriber's four slots full: Publish returns at once, and drops it.
        hub.Publish(Posted("42", "ann", "one too many"));

        Assert.Equal(1, hub.SubscriberCount("42"));
        Assert.True(await readerEvents.MoveNextAsync());
        Assert.Equal("one too many", ((ConversationMessagePosted)readerEvents.Current).Message.Text);
        var dropped = await Assert.ThrowsAsync<RateLimitedException>(() => TextsAsync(stalled, 1));
        Assert.Equal(ClinicEventRules.SubscriberTooSlow, dropped.Code);
        await readerEvents.DisposeAsync();
    }

    [Fact]
    public void Publish_ManyMoreEventsThanCapacity_HoldsAtMostCapacityPerSubscriber()
    {
        var hub = Hub(capacity: 8);
        using var stalled = hub.SubscribeToClient("42", "ann");

        // Bounded: a subscriber that never reads costs at most its capacity, then nothing (it is gone).
        for (var i = 0; i < 10_000; i++)
        {
            hub.Publish(Posted("42", "ann", "flood"));
        }

        Assert.Equal(0, hub.SubscriberCount("42"));
    }

    [Fact]
    public void Publish_WithoutSubscribersOrWithAFaultyEvent_NeverThrows()
    {
        var hub = Hub();

        hub.Publish(Posted("42", "ann", "nobody listens"));
        hub.Publish(null!);
    }

    [Fact]
    public async Task Dispose_Unsubscribes()
    {
        var hub = Hub();
        var subscription = hub.SubscribeToClient("42", "ann");
        Assert.Equal(1, hub.SubscriberCount("42"));

        subscription.Dispose();
        hub.Publish(Posted("42", "ann", "after"));

        Assert.Equal(0, hub.SubscriberCount("42"));
        Assert.Empty(await TextsAsync(subscription, 0));
    }

    [Fact]
    public async Task ReadAll_Cancelled_EndsWithOperationCanceled()
    {
        var hub = Hub();
        using var subscription = hub.SubscribeToClinic("42");
        using var leave = new CancellationTokenSource();
        var events = subscription.ReadAllAsync(leave.Token).GetAsyncEnumerator(leave.Token);

        var next = events.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        await leave.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        await events.DisposeAsync();
    }

    [Fact]
    public void Subscribe_BeyondTheClinicsLimit_IsRateLimitedAndOtherClinicsAreNot()
    {
        var hub = Hub(maxPerClinic: 2);
        using var first = hub.SubscribeToClinic("42");
        using var second = hub.SubscribeToClient("42", "ann");

        var refused = Assert.Throws<RateLimitedException>(() => hub.SubscribeToClient("42", "bob"));
        using var elsewhere = hub.SubscribeToClinic("43");

        Assert.Equal(ClinicEventRules.TooManySubscribers, refused.Code);
        Assert.Equal(2, hub.SubscriberCount("42"));
        Assert.Equal(1, hub.SubscriberCount("43"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("42/client/7")]
    public void Subscribe_MalformedId_IsRefused(string clinicId) =>
        Assert.Throws<ValidationException>(() => Hub().SubscribeToClinic(clinicId));

    private static ClinicEventHub Hub(int capacity = 16, int maxPerClinic = 100) =>
        new(Options.Create(new ClinicEventOptions { SubscriberCapacity = capacity, MaxSubscribersPerClinic = maxPerClinic }), NullLogger<ClinicEventHub>.Instance);

    private static ConversationMessagePosted Posted(string clinicId, string clientId, string text) =>
        new(clinicId, clientId, "conv-1", new ChatMessage(Guid.NewGuid().ToString("N"), Participant.Client(clientId), text, [], Now));

    // Reads exactly `count` events that are already waiting (a publish has delivered them by the time it returns);
    // a disposed subscription reads none.
    private static async Task<List<string>> TextsAsync(IClinicEventSubscription subscription, int count)
    {
        var texts = new List<string>();
        if (count == 0)
        {
            await foreach (var clinicEvent in subscription.ReadAllAsync(CancellationToken.None))
            {
                texts.Add(((ConversationMessagePosted)clinicEvent).Message.Text);
            }

            return texts;
        }

        await foreach (var clinicEvent in subscription.ReadAllAsync(CancellationToken.None))
        {
            texts.Add(((ConversationMessagePosted)clinicEvent).Message.Text);
            if (texts.Count == count)
            {
                break;
            }
        }

        return texts;
    }
}
