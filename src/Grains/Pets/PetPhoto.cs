using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A pet photo with its content.</summary>
[Immutable]
public sealed record PetPhoto(PetPhotoInfo Info, ReadOnlyMemory<byte> Content);
