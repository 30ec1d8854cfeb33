using VetActors.Actors;

namespace VetActors.Grains.Sync.Internal;

/// <summary>Answers staff searches from <see cref="ClientIndexRegistry"/>; the clinic's own index only, by key.</summary>
internal sealed class SnapshotClientSearch(ClientIndexRegistry registry, IGrainFactory grains) : IClientSearch
{
    public async ValueTask<ClientSearchResult> SearchAsync(string clinicId, string query, int limit, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = PimsSyncKeys.Sync(clinicId);
        if (registry.Find(key) is { } snapshot)
        {
            return snapshot.Answer(query, limit);
        }

        // Nothing published: the grain is not active here (the silo just started, or it was deactivated while
        // idle). Asking it activates it, which rebuilds the index and publishes it for the searches that follow.
        return await grains.GetGrain<IPimsSyncGrain>(key).SearchClientsAsync(query, limit);
    }
}
