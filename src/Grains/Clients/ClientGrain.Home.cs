using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.Grains.Pets;

namespace VetActors.Grains.Clients;

internal sealed partial class ClientGrain
{
    /// <summary>
    /// How long an activation reuses the clinic's portal view. Every home needs it, and asking the clinic's one
    /// settings grain each time would funnel every owner of the clinic through one activation; a settings change
    /// reaches a signed-in owner's home within this time instead of at once.
    /// </summary>
    internal static readonly TimeSpan ClinicViewMaxAge = TimeSpan.FromSeconds(10);

    private ClinicPortalView? _clinicView;
    private DateTimeOffset _clinicViewReadAt;

    // Grain references for the home, built once per activation rather than from key strings on every call.
    private Dictionary<string, IPetGrain>? _pets;
    private IClientConversationsGrain? _conversations;

    public async Task<PortalHome> GetPortalHomeAsync()
    {
        EnsurePortalClient();
        var clinicId = GrainKeys.ClinicIdOf(Key);
        var active = (_conversations ??= GrainFactory.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(clinicId, ClientId))).GetActiveAsync();
        var now = time.GetUtcNow();
        var clinic = await ClinicViewAsync(clinicId, now);
        var window = clinic.WindowAt(now);

        // Every pet at once: the home waits for the slowest pet, not for their sum.
        _pets ??= [];
        var pets = new Task<PetPortalSummary?>[State.PetIds.Count];
        for (var i = 0; i < pets.Length; i++)
        {
            var petId = State.PetIds[i];
            if (!_pets.TryGetValue(petId, out var pet))
            {
                _pets[petId] = pet = GrainFactory.GetGrain<IPetGrain>(GrainKeys.Pet(clinicId, petId));
            }

            pets[i] = pet.GetPortalSummaryAsync(window);
        }

        var summaries = new List<PetPortalSummary>(pets.Length);
        foreach (var pet in pets)
        {
            if (await pet is { } summary)
            {
                summaries.Add(summary);
            }
        }

        return new PortalHome(clinic, summaries, await active);
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
        var now = time.GetUtcNow();
        var clinic = await ClinicViewAsync(clinicId, now);
        return await GrainFactory.GetGrain<IPetGrain>(GrainKeys.Pet(clinicId, petId)).GetVisibleAppointmentsAsync(clinic.WindowAt(now));
    }

    private async Task<ClinicPortalView> ClinicViewAsync(string clinicId, DateTimeOffset now)
    {
        if (_clinicView is { } cached && now - _clinicViewReadAt < ClinicViewMaxAge)
        {
            return cached;
        }

        var view = await GrainFactory.GetGrain<IClinicSettingsGrain>(ClinicSettingsKeys.For(clinicId)).GetPortalViewAsync();
        (_clinicView, _clinicViewReadAt) = (view, now);
        return view;
    }

    /// <summary>A client the PIMS deleted has no portal left.</summary>
    private void EnsurePortalClient()
    {
        if (!State.Exists || State.Deleted)
        {
            throw new NotFoundException("client.not_found", $"Client {ClientId} does not exist.");
        }
    }
}
