using VetActors.Actors;
using VetActors.Grains.Sync.Internal;

namespace VetActors.Grains.Sync;

/// <summary>
/// The index (clients, PIMS ids to grain ids) grows to megabytes at 10,000 clients, too much to rewrite with every
/// batch. Changes are appended to a log inside the small sync state, which every batch writes anyway; the full
/// index is written as a checkpoint when the log grows long, before the log is cleared. Activation replays the
/// log over the last checkpoint, so a crash between the two writes loses nothing.
/// </summary>
internal sealed partial class PimsSyncGrain
{
    private void PutClient(ClientIndexEntry entry)
    {
        Index.Clients[entry.ClientId] = entry;
        State.IndexLog.Clients[entry.ClientId] = entry;
        _directory.Upsert(entry);
    }

    private void MapPimsClient(string pimsClientId, string clientId)
    {
        Index.PimsClients[pimsClientId] = clientId;
        State.IndexLog.PimsClients[pimsClientId] = clientId;
    }

    private void LinkPatient(string pimsPatientId, PatientLink link)
    {
        Index.PimsPatients[pimsPatientId] = link;
        State.IndexLog.PimsPatients[pimsPatientId] = link;
    }

    private void ReplayIndexLog()
    {
        foreach (var (id, entry) in State.IndexLog.Clients)
        {
            Index.Clients[id] = entry;
        }

        foreach (var (pimsId, clientId) in State.IndexLog.PimsClients)
        {
            Index.PimsClients[pimsId] = clientId;
        }

        foreach (var (pimsId, link) in State.IndexLog.PimsPatients)
        {
            Index.PimsPatients[pimsId] = link;
        }
    }

    /// <summary>Writes the full index and empties the log once the log is long; the caller then writes the sync state.</summary>
    private async Task CheckpointIndexIfDueAsync()
    {
        if (State.IndexLog.Count < _options.IndexCheckpointEntries)
        {
            return;
        }

        await index.WriteStateAsync();
        State.IndexLog = new IndexLog();
    }

    /// <summary>Freezes the index changes since the last call and swaps the result in for searches (see <see cref="ClientIndexRegistry"/>).</summary>
    private void PublishIndex()
    {
        var snapshot = _directory.Publish();
        if (_registry is null)
        {
            return;
        }

        if (_indexSlot is null)
        {
            _indexSlot = _registry.Claim(this.GetPrimaryKeyString(), snapshot);
        }
        else
        {
            _indexSlot.Snapshot = snapshot;
        }
    }

    /// <summary>Drops this activation's snapshot: the memory goes, and the next search activates the grain again.</summary>
    private void WithdrawIndex()
    {
        if (_registry is not null && _indexSlot is not null)
        {
            _registry.Release(this.GetPrimaryKeyString(), _indexSlot);
            _indexSlot = null;
        }
    }
}
