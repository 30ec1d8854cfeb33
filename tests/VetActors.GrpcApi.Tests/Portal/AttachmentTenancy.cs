using System.Text;
using Google.Protobuf;
using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>
/// Tenancy samples of conversation attachments: clinic A's client has an active conversation whose first message
/// carries attachment <see cref="AttachmentId"/>. Clinic B's client uploads under itself and finds nothing under the
/// same id; clinic B's staff find neither the conversation nor the attachment.
/// </summary>
internal static class AttachmentTenancy
{
    public const string AttachmentId = "att-tenant";

    private const string Portal = "/vetactors.portal.v1.Portal/";
    private const string StaffConversations = "/vetactors.portal.v1.StaffConversations/";

    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n%test\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

    public static IEnumerable<KeyValuePair<string, TenancySample>> Samples()
    {
        yield return Sample(Portal + "UploadConversationAttachment", StatusCode.OK, StatusCode.OK, _ => new UploadConversationAttachmentRequest
        {
            FileName = "lab.pdf",
            ContentType = "application/pdf",
            Content = ByteString.CopyFrom(Pdf()),
        });
        yield return Sample(Portal + "GetConversationAttachment", StatusCode.OK, StatusCode.NotFound, _ => new GetConversationAttachmentRequest
        {
            AttachmentId = AttachmentId,
        });
        yield return Sample(StaffConversations + "UploadConversationAttachment", StatusCode.OK, StatusCode.NotFound, id => new UploadConversationAttachmentByStaffRequest
        {
            ConversationId = id,
            FileName = "invoice.pdf",
            Content = ByteString.CopyFrom(Pdf()),
        });
        yield return Sample(StaffConversations + "GetConversationAttachment", StatusCode.OK, StatusCode.NotFound, id => new GetConversationAttachmentByStaffRequest
        {
            ConversationId = id,
            AttachmentId = AttachmentId,
        });
    }

    private static async Task ArrangeAsync(ApiTestHost host, TenancyWorld world)
    {
        var (clinic, client) = (world.A.ClinicId, world.A.ClientId);
        await host.Grains.GetGrain<IConversationAttachmentGrain>(GrainKeys.ConversationAttachment(clinic, client, AttachmentId))
            .StoreAsync(new ConversationAttachmentUpload(Participant.Client(client), "lab.pdf", null, Pdf()));
        await host.Grains.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(clinic, client))
            .StartAsync(new ConversationRequest("Lab results", "Attached.", [AttachmentId]));
    }

    // The request is built with the id of clinic A's active conversation.
    private static KeyValuePair<string, TenancySample> Sample<TRequest>(string rpc, StatusCode own, StatusCode other, Func<string, TRequest> request)
        where TRequest : class, IMessage =>
        new(rpc, new TenancySample(
            null,
            own,
            other,
            async (host, world, token) =>
            {
                var active = await host.Grains
                    .GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(world.A.ClinicId, world.A.ClientId))
                    .GetActiveAsync();
                return (await host.InvokeUntypedAsync(rpc, request(active!.Id), token)).ToString() ?? string.Empty;
            },
            ArrangeAsync));
}
