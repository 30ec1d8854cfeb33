using VetActors.Actors;

namespace VetActors.Grains.Pets;

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
