using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations.Internal;
using VetActors.Grains.Events;

namespace VetActors.Grains.Conversations;

internal sealed class ConversationGrain(
    [PersistentState("conversation")] IPersistentState<ConversationState> conversation,
    TimeProvider timeProvider,
    IClinicEventHub? events = null) : Grain, IConversationGrain
{
    private ConversationState State => conversation.State;

    private string Id => ConversationKeys.ConversationOf(this.GetPrimaryKeyString()).Id;

    public async Task<ConversationView> OpenAsync(OpenConversation open)
    {
        ArgumentNullException.ThrowIfNull(open);
        ConversationInput.CheckId(open.ClientId, "client_id");
        ConversationInput.CheckRequest(open.Request);
        if (State.ClientId is not null)
        {
            throw new AlreadyExistsException(ConversationRules.AlreadyOpen, $"Conversation {Id} is open already.");
        }

        var attachments = await ResolveAttachmentsAsync(open.ClientId, open.Request.AttachmentIds);
        var now = timeProvider.GetUtcNow();
        State.ClientId = open.ClientId;
        State.Subject = open.Request.Subject.Trim();
        State.Status = ConversationStatus.Active;
        State.OpenedAt = now;
        var first = Append(Participant.Client(open.ClientId), open.Request.Text, attachments, now);
        await SaveAsync();
        PublishPosted(first);
        return View();
    }

    public async Task<ChatMessage> SendAsync(NewMessage message)
    {
        ConversationInput.CheckMessage(message);
        EnsureVisibleTo(message.Author);
        if (State.Status is ConversationStatus.Closed)
        {
            throw new RuleViolation(ConversationRules.Closed, $"Conversation {Id} is closed; start a new request instead.");
        }

        var attachments = await ResolveAttachmentsAsync(State.ClientId!, message.AttachmentIds);
        var sent = Append(message.Author, message.Text, attachments, timeProvider.GetUtcNow());
        await SaveAsync();
        PublishPosted(sent);
        return sent;
    }

    public async Task<ConversationView> CloseAsync(string staffUserId)
    {
        ConversationInput.CheckId(staffUserId, "staff_user_id");
        EnsureOpened();
        if (State.Status is ConversationStatus.Closed)
        {
            throw new RuleViolation(ConversationRules.Closed, $"Conversation {Id} is closed already.");
        }

        State.Status = ConversationStatus.Closed;
        State.ClosedAt = timeProvider.GetUtcNow();
        State.ClosedBy = staffUserId;
        await SaveAsync();
        return View();
    }

    public async Task<ConversationView> MarkReadAsync(Participant reader)
    {
        ConversationInput.CheckParticipant(reader, "reader");
        EnsureVisibleTo(reader);
        var unread = reader.Kind is AuthorKind.Client ? State.UnreadForClient : State.UnreadForStaff;
        if (unread > 0)
        {
            if (reader.Kind is AuthorKind.Client)
            {
                State.UnreadForClient = 0;
            }
            else
            {
                State.UnreadForStaff = 0;
            }

            await SaveAsync();
        }

        return View();
    }

    public Task<ConversationView> GetAsync(Participant viewer)
    {
        // The refusal travels inside the returned task rather than as a synchronous throw: the actor runtime
        // wraps a synchronous throw in a non-generic Task, which reaches a Task<T> caller as an InvalidCastException.
        try
        {
            ConversationInput.CheckParticipant(viewer, "viewer");
            EnsureVisibleTo(viewer);
            return Task.FromResult(View());
        }
        catch (DomainException e)
        {
            return Task.FromException<ConversationView>(e);
        }
    }

    // Every id must name a file stored under this conversation's client (uploaded by the client or by the clinic's
    // staff for it); the key makes another client's or clinic's file unreachable, so it is refused like an unknown one.
    private async Task<List<ConversationAttachment>> ResolveAttachmentsAsync(string clientId, IReadOnlyList<string>? attachmentIds)
    {
        var clinicId = ConversationKeys.ConversationOf(this.GetPrimaryKeyString()).ClinicId;
        var ids = attachmentIds ?? [];
        var resolved = new List<ConversationAttachment>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            try
            {
                resolved.Add(await GrainFactory.GetGrain<IConversationAttachmentGrain>(
                    GrainKeys.ConversationAttachment(clinicId, clientId, ids[i])).GetInfoAsync());
            }
            catch (NotFoundException)
            {
                throw new ValidationException($"attachment_ids[{i}]", $"names no attachment {ids[i]} of this client.");
            }
        }

        return resolved;
    }

    private ChatMessage Append(Participant author, string? text, IReadOnlyList<ConversationAttachment> attachments, DateTimeOffset at)
    {
        // A version 7 id carries the send time, so ids sort the way the messages were sent.
        var message = new ChatMessage(
            Guid.CreateVersion7(at).ToString("N"), author, text?.Trim() ?? "", [.. attachments.Select(a => a.Id)], at, [.. attachments]);
        State.Messages.Add(message);
        if (author.Kind is AuthorKind.Client)
        {
            State.UnreadForStaff++;
        }
        else
        {
            State.UnreadForClient++;
        }

        return message;
    }

    private void EnsureOpened()
    {
        if (State.ClientId is null)
        {
            throw new NotFoundException(ConversationRules.NotFound, $"Conversation {Id} does not exist.");
        }
    }

    // Staff of the clinic see every conversation of the clinic (the key already scopes it); a client sees only
    // its own, and another client's conversation must look exactly like one that does not exist.
    private void EnsureVisibleTo(Participant participant)
    {
        EnsureOpened();
        if (participant.Kind is AuthorKind.Client && !string.Equals(participant.Id, State.ClientId, StringComparison.Ordinal))
        {
            throw new NotFoundException(ConversationRules.NotFound, $"Conversation {Id} does not exist.");
        }
    }

    private ConversationView View() => new(
        Id,
        State.ClientId!,
        State.Subject,
        State.Status,
        State.OpenedAt,
        State.ClosedAt,
        State.ClosedBy,
        [.. State.Messages],
        State.UnreadForStaff,
        State.UnreadForClient);

    // Published once durable, so a live stream never shows a message that a reload would not.
    private void PublishPosted(ChatMessage message)
    {
        var (clinicId, id) = ConversationKeys.ConversationOf(this.GetPrimaryKeyString());
        events?.Publish(new ConversationMessagePosted(clinicId, State.ClientId!, id, message));
    }

    private Task SaveAsync() => conversation.WriteStateAsync();
}
