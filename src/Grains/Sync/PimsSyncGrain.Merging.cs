namespace VetActors.Grains.Sync;

/// <summary>
/// Which existing clients a new PIMS client may merge with. Clients created outside the PIMS (portal, online
/// pharmacy) always may; a client from an earlier import (under a PIMS id of a previous system or export) may
/// during a full import, as long as its PIMS id has not come in this import: two records of the same import are
/// different people to the PIMS (family members sharing an email stay apart).
/// </summary>
internal sealed partial class PimsSyncGrain
{
    private bool MayMergeWith(ClientIndexEntry candidate, string pimsId) =>
        candidate.PimsId is null
        || (State.FullImportInProgress && candidate.PimsId != pimsId && !State.ImportClients.Contains(candidate.PimsId));

    /// <summary>
    /// A record of this import whose client was taken, earlier in the same import, by another record of it (a merge
    /// made before this record's PIMS id had come) gets its client back: that merge is undone first, by the sync
    /// itself, so the two records end up as two clients.
    /// </summary>
    private async Task SeparateRecordsOfThisImportAsync(List<Work> work)
    {
        if (!State.FullImportInProgress)
        {
            return;
        }

        foreach (var item in work.Where(w => w.Record.Kind == PimsRecordKind.Client))
        {
            if (Index.PimsClients.TryGetValue(item.Record.Id, out var clientId)
                && _directory.Get(clientId) is { PimsId: { } holder } && holder != item.Record.Id && State.ImportClients.Contains(holder)
                && State.Merges.Values.FirstOrDefault(m => m.PimsClientId == holder && m.ClientId == clientId && m.UndoneAt is null) is { } merge)
            {
                await SplitMergeAsync(merge, "pims");
                Log.MergeSeparated(logger, ClinicId, holder, item.Record.Id, clientId);
            }
        }
    }
}
