using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.Grains.Pets;

namespace VetActors.Grains.Clients;

internal sealed partial class ClientGrain
{
    public async Task<PortalHome> GetPortalHomeAsync()
    {
        EnsurePortalClient();
        var clinicId = GrainKeys.ClinicIdOf(Key);
        var active = GrainFactory.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(clinicId, ClientId)).GetActiveAsync();
        var clinic = await Settings(clinicId).GetPortalViewAsync();
        var window = clinic.WindowAt(time.GetUtcNow());

        // Every pet at once: the home waits for the slowest pet, not for their sum.
        var pets = new Task<PetPortalSummary?>[State.PetIds.Count];
        for (var i = 0; i < pets.Length; i++)
        {
            pets[i] = GrainFactory.GetGrain<IPetGrain>(GrainKeys.Pet(clinicId, State.PetIds[i])).GetPortalSummaryAsync(window);
        }

        var summaries = await Task.WhenAll(pets);
        return new PortalHome(clinic, [.. summaries.OfType<PetPortalSummary>()], await active);
    }

    public async Task<IReadOnlyList<PetAppointment>> GetPetAppointmentsAsync(string petId)
    {
        EnsurePortalClient();

        // Another client's pet gets the answer an unknown pet gets: nothing says it exists.
        if (!State.PetIds.Contains(petId))
        {
            throw new NotFoundException("pet.not_found", $"Pet {petId} does not exist.");
        }

        var clinicId = GrainKeys.ClinicIdOf(Key);
        var clinic = await Settings(clinicId).GetPortalViewAsync();
        return await GrainFactory.GetGrain<IPetGrain>(GrainKeys.Pet(clinicId, petId)).GetVisibleAppointmentsAsync(clinic.WindowAt(time.GetUtcNow()));
    }

    private IClinicSettingsGrain Settings(string clinicId) => GrainFactory.GetGrain<IClinicSettingsGrain>(ClinicSettingsKeys.For(clinicId));

    /// <summary>A client the PIMS deleted has no portal left.</summary>
    private void EnsurePortalClient()
    {
        if (!State.Exists || State.Deleted)
        {
            throw new NotFoundException("client.not_found", $"Client {ClientId} does not exist.");
        }
    }
}
