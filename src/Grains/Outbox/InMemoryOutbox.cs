using System.Collections.Concurrent;
using VetActors.Actors;
using VetActors.Grains.Outbox.Internal;

namespace VetActors.Grains.Outbox;

/// <summary>
/// An outbox that keeps messages in memory and never delivers them: for tests, which read
/// <see cref="Messages"/>. Nothing survives the process, so hosts use the PostgreSQL outbox.
/// </summary>
public sealed class InMemoryOutbox(TimeProvider time, IGrainFactory? grains = null) : IOutbox
{
    private readonly ConcurrentDictionary<long, OutboxEntry> _entries = new();
    private long _lastId;

    /// <summary>Every message enqueued, in order.</summary>
    public IReadOnlyList<OutgoingMessage> Messages => [.. _entries.Values.OrderBy(e => e.Id).Select(e => e.Message)];

    public async Task<long> EnqueueAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await PetGate.EnsureAllowedAsync(grains, message);
        await ConsentGate.EnsureAllowedAsync(grains, message);
        var id = Interlocked.Increment(ref _lastId);
        _entries[id] = new OutboxEntry(id, message, DeliveryStatus.Pending, 0, time.GetUtcNow(), null, null);
        return id;
    }

    public Task<OutboxEntry?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.GetValueOrDefault(id));
}
