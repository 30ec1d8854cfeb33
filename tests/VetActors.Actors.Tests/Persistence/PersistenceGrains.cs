using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Persistence;

public sealed class PetState
{
    public string Name { get; set; } = "";

    public int Visits { get; set; }

    public List<string> Vaccines { get; set; } = [];
}

[GrainType("pet")]
internal interface IPetGrain : IGrainWithStringKey
{
    Task<PetState> GetAsync();

    Task<int> RecordVisitAsync();

    Task RenameAsync(string name);

    Task ClearAsync();

    Task<(string? Etag, bool Exists)> GetStorageInfoAsync();

    Task<int> ActivationCountAsync();
}

internal sealed class PetGrain(
    [PersistentState("profile")] IPersistentState<PetState> profile,
    Probe probe) : Grain, IPetGrain
{
    private int _activation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // State is loaded before activation: record what was there.
        probe.Record($"activate {this.GetPrimaryKeyString()} visits={profile.State.Visits}");
        _activation = probe.Increment($"pet activations {this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public Task<PetState> GetAsync() => Task.FromResult(profile.State);

    public async Task<int> RecordVisitAsync()
    {
        profile.State.Visits++;
        await SaveAsync();
        return profile.State.Visits;
    }

    public async Task RenameAsync(string name)
    {
        profile.State.Name = name;
        await SaveAsync();
    }

    public Task ClearAsync() => profile.ClearStateAsync();

    public Task<(string? Etag, bool Exists)> GetStorageInfoAsync() => Task.FromResult((profile.Etag, profile.RecordExists));

    public Task<int> ActivationCountAsync() => Task.FromResult(_activation);

    private Task SaveAsync() => profile.WriteStateAsync();
}
