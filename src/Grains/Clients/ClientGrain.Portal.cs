using VetActors.Grains.Common;
using VetActors.Grains.Pets;

namespace VetActors.Grains.Clients;

internal sealed partial class ClientGrain
{
    public async Task<IReadOnlyList<PetPortalView>> GetPortalPetsAsync()
    {
        // A signed-in client whose record the PIMS has not sent (or has deleted) simply has no pets to show.
        if (!State.Exists || State.Deleted)
        {
            return [];
        }

        var clinicId = GrainKeys.ClinicIdOf(Key);
        var pets = await Task.WhenAll(State.PetIds.Select(id => GrainFactory.GetGrain<IPetGrain>(GrainKeys.Pet(clinicId, id)).FindForOwnerAsync(ClientId)));
        return pets.OfType<PetPortalView>().OrderBy(p => p.Signalment.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.PetId, StringComparer.Ordinal).ToArray();
    }
}
