using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Storage;
using VetActors.Actors.Testing;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;

namespace VetActors.Grains.Tests.Conversations;

/// <summary>A silo holding the conversation grains, on a manual clock, over storage that really suspends.</summary>
internal static class ConversationClusters
{
    internal static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    internal static Task<TestCluster> StartAsync()
    {
        var storage = new InMemoryGrainStorage();
        return new TestClusterBuilder { TimeProvider = new ManualTimeProvider(Start) }
            .AddGrain<ConversationGrain>()
            .AddGrain<ClientConversationsGrain>()
            .AddGrain<ConversationAttachmentGrain>()
            .ConfigureServices(services => services.AddSingleton<IGrainStorage>(new YieldingGrainStorage(storage)))
            .BuildAndStartAsync();
    }

    /// <summary>Stores a small PDF as attachment <paramref name="id"/> of the client, as its upload would.</summary>
    internal static Task<ConversationAttachment> StoreAttachmentAsync(TestCluster cluster, string clientId, string id) =>
        cluster.GrainFactory.GetGrain<IConversationAttachmentGrain>(GrainKeys.ConversationAttachment("42", clientId, id))
            .StoreAsync(new ConversationAttachmentUpload(Participant.Client(clientId), id + ".pdf", null, Pdf()));

    internal static byte[] Pdf() => "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"u8.ToArray();
}
