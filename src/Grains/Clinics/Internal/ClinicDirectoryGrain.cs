using VetActors.Actors;
using VetActors.Grains.Common;

namespace VetActors.Grains.Clinics.Internal;

internal sealed class ClinicDirectoryGrain(
    [PersistentState("directory")] IPersistentState<ClinicDirectoryState> state) : Grain, IClinicDirectoryGrain
{
    public async Task RegisterAsync(string practiceId, string clinicId)
    {
        var key = practiceId.ToUpperInvariant();
        if (state.State.PracticeIds.TryGetValue(key, out var owner))
        {
            if (owner == clinicId)
            {
                return;
            }

            throw new AlreadyExistsException("clinic.practice_id_taken", $"Practice id '{practiceId}' belongs to another clinic.");
        }

        state.State.PracticeIds[key] = clinicId;
        state.State.Clinics.Add(clinicId);
        await state.WriteStateAsync();
    }

    public Task<string?> FindByPracticeIdAsync(string practiceId) =>
        Task.FromResult(state.State.PracticeIds.GetValueOrDefault(practiceId.ToUpperInvariant()));

    public Task<IReadOnlyList<string>> ListClinicsAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Clinics.ToArray());
}
