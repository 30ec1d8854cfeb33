using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Appointments;

/// <summary>An attachment as listed (without its content).</summary>
[Immutable]
public sealed record AttachmentInfo(string AttachmentId, string FileName, string ContentType, long Size, DateTimeOffset AttachedAt);
