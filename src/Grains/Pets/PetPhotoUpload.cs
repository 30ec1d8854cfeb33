using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A photo the owner uploads; its type is decided by its content, never by <see cref="FileName"/>.</summary>
[Immutable]
public sealed record PetPhotoUpload(string? FileName, ReadOnlyMemory<byte> Content);
