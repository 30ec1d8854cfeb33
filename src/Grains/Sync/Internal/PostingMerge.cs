using System.Collections.Immutable;

namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// The clients of several postings in one ordered sequence (a client in several postings comes out that many
/// times, one after the other). Walks only as far as the caller reads, and returns the sets' pooled enumerator
/// stacks when disposed.
/// </summary>
internal sealed class PostingMerge : IDisposable
{
    private readonly ImmutableSortedSet<IndexedClient>.Enumerator[] _enumerators;
    private readonly PriorityQueue<int, IndexedClient> _heads;
    private int _pending = -1;

    public PostingMerge(List<ImmutableSortedSet<IndexedClient>> sets)
    {
        _enumerators = new ImmutableSortedSet<IndexedClient>.Enumerator[sets.Count];
        _heads = new PriorityQueue<int, IndexedClient>(sets.Count, IndexedClient.Order);
        for (var i = 0; i < sets.Count; i++)
        {
            _enumerators[i] = sets[i].GetEnumerator();
            if (_enumerators[i].MoveNext())
            {
                _heads.Enqueue(i, _enumerators[i].Current);
            }
        }
    }

    /// <summary>The next client in order, or <c>null</c> when every posting is exhausted.</summary>
    public IndexedClient? Next()
    {
        // The set that gave the last client moves on only now, so a caller that stops early never walks further.
        if (_pending >= 0 && _enumerators[_pending].MoveNext())
        {
            _heads.Enqueue(_pending, _enumerators[_pending].Current);
        }

        _pending = -1;
        if (!_heads.TryDequeue(out var index, out var client))
        {
            return null;
        }

        _pending = index;
        return client;
    }

    public void Dispose()
    {
        for (var i = 0; i < _enumerators.Length; i++)
        {
            _enumerators[i].Dispose();
        }
    }
}
