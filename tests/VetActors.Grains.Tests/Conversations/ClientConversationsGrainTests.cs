using VetActors.Actors.Testing;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;

namespace VetActors.Grains.Tests.Conversations;

public sealed class ClientConversationsGrainTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ConversationClusters.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IClientConversationsGrain Index(string clientId = "981") =>
        _cluster.GrainFactory.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations("42", clientId));

    private IConversationGrain Conversation(string id) =>
        _cluster.GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Conversation("42", id));

    private static ConversationRequest Request(string subject = "Refill", string text = "Bella needs her pills.") =>
        new(subject, text, []);

    [Fact]
    public async Task Start_NoActiveConversation_OpensOneWithTheFirstMessage()
    {
        await ConversationClusters.StoreAttachmentAsync(_cluster, "981", "att-1");

        var view = await Index().StartAsync(new ConversationRequest("Refill", "Bella needs her pills.", ["att-1"]));

        Assert.Equal(ConversationStatus.Active, view.Status);
        Assert.Equal("981", view.ClientId);
        Assert.Equal("Refill", view.Subject);
        Assert.Equal(ConversationClusters.Start, view.OpenedAt);
        var message = Assert.Single(view.Messages);
        Assert.Equal(Participant.Client("981"), message.Author);
        Assert.Equal("Bella needs her pills.", message.Text);
        Assert.Equal(["att-1"], message.AttachmentIds);
        Assert.Equal(("att-1.pdf", "application/pdf"), (message.Attachments![0].FileName, message.Attachments[0].ContentType));
        Assert.Equal(ConversationClusters.Start, message.SentAt);
        Assert.Equal(1, view.UnreadForStaff);
        Assert.Equal(0, view.UnreadForClient);
        Assert.Equal(view.Id, (await Index().GetActiveAsync())?.Id);
    }

    [Fact]
    public async Task Start_WhileOneIsActive_FailsNamingTheActiveOne()
    {
        var first = await Index().StartAsync(Request());

        var error = await Assert.ThrowsAsync<RuleViolation>(() => Index().StartAsync(Request("Another")));

        Assert.Equal(ConversationRules.OneActivePerClient, error.Code);
        Assert.Contains(first.Id, error.Message, StringComparison.Ordinal);
        Assert.Single(await Index().GetAllAsync());
    }

    [Fact]
    public async Task Start_TwoConcurrently_ExactlyOneWins()
    {
        var starts = new[] { Index().StartAsync(Request("One")), Index().StartAsync(Request("Two")) };

        var outcomes = await Task.WhenAll(starts.Select(async start =>
        {
            try
            {
                return (View: await start, Error: (RuleViolation?)null);
            }
            catch (RuleViolation error)
            {
                return (View: (ConversationView?)null, Error: error);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.View is not null).View!;
        var loser = Assert.Single(outcomes, o => o.Error is not null).Error!;
        Assert.Contains(winner.Id, loser.Message, StringComparison.Ordinal);
        Assert.Equal(winner.Id, Assert.Single(await Index().GetAllAsync()).Id);
    }

    [Fact]
    public async Task Start_ManyConcurrentlyOnAnInactiveIndex_ExactlyOneWins()
    {
        var starts = Enumerable.Range(0, 8).Select(i => Index("990").StartAsync(Request($"Request {i}"))).ToList();

        var results = await Task.WhenAll(starts.Select(async s =>
        {
            try
            {
                await s;
                return true;
            }
            catch (RuleViolation error) when (error.Code == ConversationRules.OneActivePerClient)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(won => won));
        Assert.Single(await Index("990").GetAllAsync());
    }

    [Fact]
    public async Task Start_TwoConcurrentlyAfterTheActiveOneClosed_ExactlyOneWins()
    {
        // Each start must first ask the recorded conversation whether it is still active: the check and the
        // new record span a grain call, which only the index's one-turn-at-a-time keeps from interleaving.
        var first = await Index().StartAsync(Request());
        await Conversation(first.Id).CloseAsync("staff-7");

        var results = await Task.WhenAll(new[] { Index().StartAsync(Request("One")), Index().StartAsync(Request("Two")) }.Select(async s =>
        {
            try
            {
                return (await s).Id;
            }
            catch (RuleViolation error) when (error.Code == ConversationRules.OneActivePerClient)
            {
                return null;
            }
        }));

        var winner = Assert.Single(results, id => id is not null);
        Assert.Equal(winner, (await Index().GetActiveAsync())?.Id);
        Assert.Equal(2, (await Index().GetAllAsync()).Count);
    }

    [Fact]
    public void Key_IsTheClientKeyWithAConversationsSuffix() =>
        Assert.Equal("clinic-42/client/981/conversations", GrainKeys.ClientConversations("42", "981"));

    [Fact]
    public async Task Start_AfterStaffClosedTheActiveOne_OpensANewOne()
    {
        var first = await Index().StartAsync(Request());
        await Conversation(first.Id).CloseAsync("staff-7");
        _cluster.TimeProvider.Advance(TimeSpan.FromMinutes(5));

        var second = await Index().StartAsync(Request("Vaccines"));

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(second.Id, (await Index().GetActiveAsync())?.Id);
    }

    [Fact]
    public async Task GetAll_ActiveAndClosed_NewestFirstWithTheirMessages()
    {
        var first = await Index().StartAsync(Request("Refill"));
        await Conversation(first.Id).SendAsync(new NewMessage(Participant.Staff("staff-7"), "Ready at noon.", []));
        await Conversation(first.Id).CloseAsync("staff-7");
        _cluster.TimeProvider.Advance(TimeSpan.FromDays(1));
        var second = await Index().StartAsync(Request("Vaccines"));

        var all = await Index().GetAllAsync();

        Assert.Equal([second.Id, first.Id], all.Select(c => c.Id));
        Assert.Equal([ConversationStatus.Active, ConversationStatus.Closed], all.Select(c => c.Status));
        Assert.Equal(["Bella needs her pills.", "Ready at noon."], all[1].Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Start_BadRequest_IsRejectedAndNothingOpens()
    {
        var empty = await Assert.ThrowsAsync<ValidationException>(() => Index().StartAsync(new ConversationRequest(" ", "", [])));
        var badAttachment = await Assert.ThrowsAsync<ValidationException>(() => Index().StartAsync(new ConversationRequest("X-ray", "", ["bad id"])));

        Assert.Equal(["subject", "text"], empty.Violations.Select(v => v.Field));
        Assert.Equal(["attachment_ids[0]"], badAttachment.Violations.Select(v => v.Field));
        Assert.Empty(await Index().GetAllAsync());
        Assert.Null(await Index().GetActiveAsync());
    }

    [Fact]
    public async Task Clients_EachHaveTheirOwnActiveConversation()
    {
        await Index("981").StartAsync(Request());

        var other = await Index("982").StartAsync(Request());

        Assert.Equal("982", other.ClientId);
        Assert.Single(await Index("981").GetAllAsync());
        Assert.Single(await Index("982").GetAllAsync());
    }

    [Fact]
    public async Task Index_AfterRestart_StillKnowsTheActiveConversation()
    {
        var first = await Index().StartAsync(Request());

        await _cluster.RestartAsync();

        var error = await Assert.ThrowsAsync<RuleViolation>(() => Index().StartAsync(Request("Again")));
        Assert.Contains(first.Id, error.Message, StringComparison.Ordinal);
    }
}
