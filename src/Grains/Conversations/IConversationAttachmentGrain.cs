using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>
/// One file attached (or to be attached) to a client's conversations, keyed
/// <c>clinic-42/client/981/attachment/{id}</c> (<see cref="Common.GrainKeys.ConversationAttachment"/>): the key
/// ties it to its clinic and client, so a caller building the key from its own client or clinic can never reach
/// another's file. Stored once; a missing one is <see cref="Common.NotFoundException"/>.
/// </summary>
[GrainType("conversation-attachment")]
public interface IConversationAttachmentGrain : IGrainWithStringKey
{
    /// <summary>Checks the content (PDF, JPEG or PNG by its leading bytes, at most 5 MiB) and stores it; durable when it returns.</summary>
    Task<ConversationAttachment> StoreAsync(ConversationAttachmentUpload upload);

    /// <summary>The attachment's description.</summary>
    [ReadOnly]
    Task<ConversationAttachment> GetInfoAsync();

    /// <summary>The attachment with its content.</summary>
    [ReadOnly]
    Task<ConversationAttachmentContent> GetAsync();
}
