namespace VetActors.Grains.Sync;

/// <summary>
/// Staff client search, answered from the clinic's latest published client index instead of a turn of its sync
/// grain, so concurrent searches neither queue behind each other nor behind a batch being applied.
/// </summary>
public interface IClientSearch
{
    /// <summary>
    /// Clients of <paramref name="clinicId"/> matching a name, phone, email or PIMS id (every word must match, as a
    /// prefix), in last-name order, at most <paramref name="limit"/> (20 when 0, at most 100). Sees every change the
    /// sync grain acknowledged before this call started.
    /// </summary>
    ValueTask<ClientSearchResult> SearchAsync(string clinicId, string query, int limit, CancellationToken cancellationToken = default);
}
