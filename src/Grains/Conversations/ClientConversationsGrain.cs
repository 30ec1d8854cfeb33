using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations.Internal;

namespace VetActors.Grains.Conversations;

internal sealed class ClientConversationsGrain(
    [PersistentState("index")] IPersistentState<ClientConversationsState> index,
    TimeProvider timeProvider) : Grain, IClientConversationsGrain
{
    private ClientConversationsState State => index.State;

    private (string ClinicId, string ClientId) Owner => ConversationKeys.ClientOf(this.GetPrimaryKeyString());

    public async Task<ConversationView> StartAsync(ConversationRequest request)
    {
        ConversationInput.CheckRequest(request);
        var (clinicId, clientId) = Owner;
        if (await FindActiveAsync() is { } active)
        {
            throw new RuleViolation(
                ConversationRules.OneActivePerClient,
                $"Client {clientId} already has an active conversation, {active.Id} (\"{active.Subject}\"); continue it or wait until the clinic closes it.");
        }

        // The index records the new id before the conversation exists: if the open below never happens, the next
        // start finds no such conversation and treats the slot as free, whereas the other order could leave an
        // open conversation no index knows about.
        var id = Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
        State.ActiveConversationId = id;
        State.ConversationIds.Add(id);
        await SaveAsync();
        return await Conversation(clinicId, id).OpenAsync(new OpenConversation(clientId, request));
    }

    public Task<ConversationView?> GetActiveAsync() => FindActiveAsync();

    public async Task<IReadOnlyList<ConversationView>> GetAllAsync()
    {
        var (clinicId, clientId) = Owner;
        var viewer = Participant.Client(clientId);
        var views = new List<ConversationView>(State.ConversationIds.Count);
        for (var i = State.ConversationIds.Count - 1; i >= 0; i--)
        {
            if (await TryGetAsync(Conversation(clinicId, State.ConversationIds[i]), viewer) is { } view)
            {
                views.Add(view);
            }
        }

        return views;
    }

    // Staff close conversations on the conversation grain, which never calls back here (a call back could meet
    // this grain busy calling it); so the index learns of a close by asking when it matters.
    private async Task<ConversationView?> FindActiveAsync()
    {
        if (State.ActiveConversationId is not { } activeId)
        {
            return null;
        }

        var (clinicId, clientId) = Owner;
        var view = await TryGetAsync(Conversation(clinicId, activeId), Participant.Client(clientId));
        return view is { Status: ConversationStatus.Active } ? view : null;
    }

    private static async Task<ConversationView?> TryGetAsync(IConversationGrain conversation, Participant viewer)
    {
        try
        {
            return await conversation.GetAsync(viewer);
        }
        catch (NotFoundException)
        {
            // Recorded here but never opened (the open failed after the index was saved): not a conversation.
            return null;
        }
    }

    private IConversationGrain Conversation(string clinicId, string id) =>
        GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Conversation(clinicId, id));

    private Task SaveAsync() => index.WriteStateAsync();
}
