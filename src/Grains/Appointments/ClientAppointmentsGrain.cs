using VetActors.Actors;

namespace VetActors.Grains.Appointments;

internal sealed class ClientAppointmentsGrain(
    [PersistentState("index")] IPersistentState<ClientAppointmentsState> index) : Grain, IClientAppointmentsGrain
{
    public async Task AddAsync(string reference)
    {
        if (!index.State.References.Contains(reference, StringComparer.Ordinal))
        {
            index.State.References.Add(reference);
            await SaveAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. Enumerable.Reverse(index.State.References)]);

    private Task SaveAsync() => index.WriteStateAsync();
}
