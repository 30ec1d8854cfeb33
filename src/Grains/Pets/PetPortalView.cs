using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>
/// A pet as its owner sees it in the portal: the PIMS's signalment (read-only), its age as of the clinic's today
/// (<c>null</c> without a birth date), the owner's photo if any, and when the PIMS last confirmed the data.
/// </summary>
[Immutable]
public sealed record PetPortalView(string PetId, Signalment Signalment, PetAge? Age, PetPhotoInfo? Photo, DateTimeOffset? DataAsOf);
