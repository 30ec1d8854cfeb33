using System.Collections.Concurrent;

namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// The latest published client index of every clinic whose sync grain is active on this silo, keyed by the sync
/// grain's key (which starts with the clinic), so staff searches read it without queueing on the grain's turns.
/// The grain stays the only writer: it publishes a complete <see cref="ClientIndexSnapshot"/> after each durable
/// change, before its call returns, and withdraws it when it deactivates.
/// </summary>
/// <remarks>
/// Silo-wide, not cluster-wide: this holds only for the single-silo deployment VetActors runs today, where the
/// silo that hosts a clinic's sync grain is the silo that answers its searches. With several silos a search
/// would have to go to the grain's silo (or the snapshot be shipped there), or another silo's copy would miss
/// the writes made through the grain elsewhere.
/// </remarks>
internal sealed class ClientIndexRegistry
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>The clinic's latest snapshot, or <c>null</c> when its sync grain is not active on this silo.</summary>
    public ClientIndexSnapshot? Find(string syncGrainKey) => _slots.TryGetValue(syncGrainKey, out var slot) ? slot.Snapshot : null;

    /// <summary>Publishes an activation's first snapshot; it publishes the next ones through the returned slot.</summary>
    public Slot Claim(string syncGrainKey, ClientIndexSnapshot snapshot)
    {
        var slot = new Slot(snapshot);
        _slots[syncGrainKey] = slot;
        return slot;
    }

    /// <summary>Withdraws the slot, unless a newer activation has already claimed the key.</summary>
    public void Release(string syncGrainKey, Slot slot) => _slots.TryRemove(new KeyValuePair<string, Slot>(syncGrainKey, slot));

    /// <summary>One activation's publication point: a reference swap, so a reader sees one whole snapshot or the one before.</summary>
    internal sealed class Slot(ClientIndexSnapshot snapshot)
    {
        private ClientIndexSnapshot _snapshot = snapshot;

        public ClientIndexSnapshot Snapshot
        {
            get => Volatile.Read(ref _snapshot);
            set => Volatile.Write(ref _snapshot, value);
        }
    }
}
