using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>
/// The content of a pet's photo (<c>clinic-42/pet/1733/photo</c>), kept apart from the pet so that activating a pet
/// (PIMS sync touches every one) never loads megabytes of image. Only the pet grain calls it, after checking the
/// owner; it stores what it is given.
/// </summary>
public interface IPetPhotoGrain : IGrainWithStringKey
{
    /// <summary>Replaces the photo; durable when it returns.</summary>
    Task StoreAsync(PetPhoto photo);

    /// <summary>The photo, or <c>null</c> when none was stored.</summary>
    [ReadOnly]
    Task<PetPhoto?> GetAsync();
}
