using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>A stored conversation attachment as listed (without its content); the type is the one its bytes prove.</summary>
[Immutable]
public sealed record ConversationAttachment(string Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);
