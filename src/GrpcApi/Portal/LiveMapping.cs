using Google.Protobuf.WellKnownTypes;
using VetActors.Grains.Clients;
using VetActors.Grains.Consent;
using VetActors.Grains.Events;
using VetActors.Protos.Portal.V1;
using Pims = VetActors.Protos.Pims.V1;
using StaffSync = VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Portal;

/// <summary>Live events and the account between the grains' records and the portal protos.</summary>
internal static class LiveMapping
{
    public static PostedMessage ToProto(this ConversationMessagePosted posted)
    {
        var message = posted.Message;
        return new PostedMessage
        {
            ConversationId = posted.ConversationId,
            ClientId = posted.ConversationClientId,
            MessageId = message.Id,
            FromStaff = message.Author.Kind is Grains.Conversations.AuthorKind.Staff,
            AuthorId = message.Author.Id,
            Text = message.Text,
            AttachmentIds = { message.AttachmentIds },
            SentAt = Timestamp.FromDateTimeOffset(message.SentAt),
        };
    }

    /// <summary>What a staff tool of the clinic is told of <paramref name="clinicEvent"/>; <c>null</c> for what it is not.</summary>
    public static WatchClinicEventsResponse? ToStaffEvent(ClinicEvent clinicEvent) => clinicEvent switch
    {
        ConversationMessagePosted { Message.Author.Kind: Grains.Conversations.AuthorKind.Client } posted =>
            new WatchClinicEventsResponse { ClientMessage = posted.ToProto() },
        ClientConsentChanged consent => new WatchClinicEventsResponse { Consent = consent.ToProto() },
        SyncStatusChanged sync => new WatchClinicEventsResponse { Sync = sync.ToProto() },
        _ => null,
    };

    /// <summary>What the portal of the client is told: new messages in its conversations only.</summary>
    public static WatchMessagesResponse? ToPortalEvent(ClinicEvent clinicEvent) =>
        clinicEvent is ConversationMessagePosted posted ? new WatchMessagesResponse { Message = posted.ToProto() } : null;

    public static GetAccountResponse ToAccount(this ClientProfile profile, ConsentStatus consent)
    {
        var details = profile.Details;
        var account = new GetAccountResponse
        {
            ClientId = profile.ClientId,
            FirstName = details.FirstName,
            LastName = details.LastName,
            Email = details.Email ?? "",
            Phones = { details.Phones },
            EmailOptedIn = consent.EmailAllowed,
            SmsOptedIn = consent.SmsAllowed,
        };
        if (details.Address is { } a)
        {
            account.Address = new Pims.Address { Line1 = a.Line1, Line2 = a.Line2 ?? "", City = a.City, Region = a.Region, PostalCode = a.PostalCode };
        }

        if (profile.DataAsOf is { } asOf)
        {
            account.DataAsOf = Timestamp.FromDateTimeOffset(asOf);
        }

        return account;
    }

    private static ConsentEvent ToProto(this ClientConsentChanged changed)
    {
        var change = changed.Change;
        return new ConsentEvent
        {
            ClientId = changed.ConsentClientId,
            Kind = (change.Channel, change.OptedIn) switch
            {
                (ConsentChannel.Sms, false) => ConsentEventKind.SmsOptOut,
                (ConsentChannel.Sms, true) => ConsentEventKind.SmsOptIn,
                (ConsentChannel.Email, false) => ConsentEventKind.EmailOptOut,
                _ => ConsentEventKind.EmailOptIn,
            },
            Keyword = change.Keyword ?? "",
            StaffUserId = change.StaffUserId ?? "",
            SmsOptOutIndicator = changed.Status.ShowSmsOptOutIndicator,
            At = Timestamp.FromDateTimeOffset(change.At),
        };
    }

    private static SyncStatusEvent ToProto(this SyncStatusChanged changed)
    {
        var status = changed.Status;
        var sync = new SyncStatusEvent
        {
            State = (StaffSync.IntegrationState)(int)status.State,
            PreviousState = (StaffSync.IntegrationState)(int)changed.Previous,
            LastAppliedSequence = status.LastAppliedSequence,
            RecordsReceived = status.Progress.Received,
            RecordsApplied = status.Progress.Applied,
            RecordsHeld = status.Progress.Held,
            RecordsRejected = status.Progress.Rejected,
            At = Timestamp.FromDateTimeOffset(changed.At),
        };
        if (changed.Batch is { } batch)
        {
            sync.Batch = new AppliedBatch { Sequence = batch.Sequence, Applied = batch.Applied, Held = batch.Held, Rejected = batch.Rejected };
        }

        return sync;
    }
}
