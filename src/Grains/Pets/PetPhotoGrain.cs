using VetActors.Actors;

namespace VetActors.Grains.Pets;

// Up to 10 MiB per activation: collected after a minute idle rather than the default 15, so browsing many pets'
// photos does not keep them all in memory.
[CollectionAgeLimit(Minutes = 1)]
internal sealed class PetPhotoGrain([PersistentState("photo")] IPersistentState<PetPhotoState> stored) : Grain, IPetPhotoGrain
{
    public async Task StoreAsync(PetPhoto photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        stored.State.Info = photo.Info;
        stored.State.Content = photo.Content.ToArray();
        await stored.WriteStateAsync();
    }

    public Task<PetPhoto?> GetAsync() =>
        Task.FromResult(stored.State is { Info: { } info, Content: { } content } ? new PetPhoto(info, content) : null);
}
