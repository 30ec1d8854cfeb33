using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using VetActors.Grains.Outbox;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Messaging.V1;
using MessagingApi = VetActors.Protos.Messaging.V1.Messaging;

namespace VetActors.GrpcApi.Messaging;

/// <summary>
/// Texts arriving on a clinic's SMS number, from the SMS gateway: consent keywords go to each matched client's consent,
/// their one reply is queued in the outbox, other texts go to each matched client's conversation.
/// </summary>
internal sealed class MessagingService(IGrainFactory grains, IOutbox outbox, IServiceProvider services) : MessagingApi.MessagingBase
{
    internal const string TextMessageSubject = "Text message";

    [Allow(Callers.InternalService)]
    public override async Task<ReceiveSmsResponse> ReceiveSms(ReceiveSmsRequest request, ServerCallContext context)
    {
        MessagingMapping.Validate(request);
        var clinic = await FindClinicAsync(request.ToNumber) ??
            throw new NotFoundException("messaging.unknown_number", $"No clinic texts from {request.ToNumber}.");
        // The client records come from PIMS sync; until a directory of them is registered no phone matches a client.
        var directory = services.GetService<IClientPhoneDirectory>();
        var clientIds = directory is null
            ? []
            : await directory.FindClientIdsAsync(clinic.ClinicId, request.FromNumber, context.CancellationToken);
        var kind = SmsKeywords.Classify(request.Text);
        var response = new ReceiveSmsResponse { Keyword = MessagingMapping.ToProto(kind), MatchedClients = clientIds.Count };
        if (kind is SmsKeywordKind.None)
        {
            foreach (var clientId in clientIds)
            {
                response.ConversationIds.Add(await AddToConversationAsync(clinic.ClinicId, clientId, request.Text));
            }

            return response;
        }

        string? reply = null;
        foreach (var clientId in clientIds)
        {
            var consent = grains.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent(clinic.ClinicId, clientId));
            var outcome = await consent.ReceiveSmsAsync(new InboundSms(request.Text, new ClinicContact(clinic.Name, clinic.Phone)));
            reply ??= outcome.Reply;
        }

        // One phone gets one answer, however many clients share it.
        if (reply is not null)
        {
            await outbox.EnqueueAsync(
                new OutgoingMessage(clinic.ClinicId, MessageChannel.Sms, request.FromNumber, "", reply) { IsKeywordReply = true },
                context.CancellationToken);
            response.Reply = reply;
        }

        return response;
    }

    private async Task<string> AddToConversationAsync(string clinicId, string clientId, string text)
    {
        var index = grains.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(clinicId, clientId));
        var active = await index.GetActiveAsync();
        if (active is null)
        {
            try
            {
                return (await index.StartAsync(new ConversationRequest(TextMessageSubject, text, []))).Id;
            }
            catch (RuleViolation e) when (e.Code == ConversationRules.OneActivePerClient)
            {
                // Opened meanwhile from the portal: the text joins that one.
                active = await index.GetActiveAsync();
                if (active is null)
                {
                    throw;
                }
            }
        }

        await grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(clinicId, active.Id))
            .SendAsync(new NewMessage(Participant.Client(clientId), text, []));
        return active.Id;
    }

    // Clinics are few and the directory lists them all; a clinic's SMS number lives on its profile.
    private async Task<ClinicProfile?> FindClinicAsync(string toNumber)
    {
        var wanted = MessagingMapping.Digits(toNumber);
        foreach (var clinicId in await grains.GetGrain<IClinicDirectoryGrain>(IClinicDirectoryGrain.Key).ListClinicsAsync())
        {
            var profile = await grains.GetGrain<IClinicGrain>(GrainKeys.Clinic(clinicId)).GetProfileAsync();
            if (MessagingMapping.Digits(profile.SmsNumber) == wanted)
            {
                return profile;
            }
        }

        return null;
    }
}
