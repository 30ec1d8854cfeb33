namespace VetActors.Actors.Storage;

/// <summary>
/// What storage holds for one state: the payload (UTF-8 JSON in the runtime's versioned envelope, or
/// <c>null</c> after a clear) and the version that serves as the ETag.
/// </summary>
public sealed record GrainStateRecord(ReadOnlyMemory<byte>? Payload, string Etag);
