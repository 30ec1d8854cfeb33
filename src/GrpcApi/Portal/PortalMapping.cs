using Google.Protobuf.WellKnownTypes;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using ProtoAuthorKind = VetActors.Protos.Portal.V1.AuthorKind;
using ProtoConsentSource = VetActors.Protos.Portal.V1.ConsentSource;
using ProtoConversation = VetActors.Protos.Portal.V1.Conversation;
using ProtoConversationStatus = VetActors.Protos.Portal.V1.ConversationStatus;
using ProtoMessage = VetActors.Protos.Portal.V1.Message;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

/// <summary>Conversations and consent between the grains' records and the portal protos.</summary>
internal static class PortalMapping
{
    /// <summary>A conversation as its client sees it: the unread count is the staff messages the client has not read.</summary>
    public static ProtoConversation ToClientProto(this ConversationView view) => ToProto(view, view.UnreadForClient);

    public static StaffConversation ToStaffProto(this ConversationView view) => new()
    {
        Conversation = ToProto(view, view.UnreadForStaff),
        ClientId = view.ClientId,
        UnreadForStaff = view.UnreadForStaff,
        ClosedBy = view.ClosedBy ?? "",
    };

    public static ProtoMessage ToProto(this ChatMessage message) => new()
    {
        Id = message.Id,
        AuthorKind = message.Author.Kind is Grains.Conversations.AuthorKind.Client ? ProtoAuthorKind.Client : ProtoAuthorKind.Staff,
        AuthorId = message.Author.Id,
        Text = message.Text,
        AttachmentIds = { message.AttachmentIds },
        Attachments = { (message.Attachments ?? []).Select(AttachmentMapping.ToProto) },
        SentAt = Timestamp.FromDateTimeOffset(message.SentAt),
    };

    public static NotificationPreferences ToPreferences(this ConsentStatus status) => new()
    {
        SmsOptedIn = status.SmsAllowed,
        EmailOptedIn = status.EmailAllowed,
    };

    public static ClientConsent ToProto(this ConsentStatus status) => new()
    {
        Preferences = status.ToPreferences(),
        SmsOptOutIndicator = status.ShowSmsOptOutIndicator,
        SmsOptOutSource = ToProto(status.SmsOptOutSource),
        EmailOptOutSource = ToProto(status.EmailOptOutSource),
    };

    public static ConsentChannel ToChannel(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Sms => ConsentChannel.Sms,
        NotificationChannel.Email => ConsentChannel.Email,
        _ => throw new ValidationException("channel", "must be SMS or email."),
    };

    private static ProtoConversation ToProto(ConversationView view, int unread)
    {
        var conversation = new ProtoConversation
        {
            Id = view.Id,
            Subject = view.Subject,
            Status = view.Status is Grains.Conversations.ConversationStatus.Active ? ProtoConversationStatus.Active : ProtoConversationStatus.Closed,
            OpenedAt = Timestamp.FromDateTimeOffset(view.OpenedAt),
            Messages = { view.Messages.Select(ToProto) },
            UnreadCount = unread,
        };
        if (view.ClosedAt is { } closedAt)
        {
            conversation.ClosedAt = Timestamp.FromDateTimeOffset(closedAt);
        }

        return conversation;
    }

    private static ProtoConsentSource ToProto(Grains.Consent.ConsentSource? source) => source switch
    {
        Grains.Consent.ConsentSource.Portal => ProtoConsentSource.Portal,
        Grains.Consent.ConsentSource.SmsKeyword => ProtoConsentSource.SmsKeyword,
        Grains.Consent.ConsentSource.Staff => ProtoConsentSource.Staff,
        _ => ProtoConsentSource.Unspecified,
    };
}
