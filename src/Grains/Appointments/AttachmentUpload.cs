using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Appointments;

/// <summary>A file a client attaches before the appointment; its type is decided by its content, not its name.</summary>
[Immutable]
public sealed record AttachmentUpload(string FileName, ReadOnlyMemory<byte> Content);
