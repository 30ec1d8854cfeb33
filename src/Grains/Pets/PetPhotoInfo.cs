using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A stored pet photo as listed (without its content).</summary>
[Immutable]
public sealed record PetPhotoInfo(string ContentType, long SizeBytes, int Width, int Height, DateTimeOffset UploadedAt);
