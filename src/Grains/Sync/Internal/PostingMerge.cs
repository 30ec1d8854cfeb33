using System.Collections.Immutable;

namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// The clients of several postings in one ordered sequence (a client in several postings comes out that many
/// times, one after the other). A query word can match hundreds of postings of one client each (every email
/// starting with "gr"), so a posting enters the merge by its smallest client, read without an enumerator, and is
/// enumerated only once the caller has read past that client; the merge stops where the caller stops.
/// </summary>
internal sealed class PostingMerge : IDisposable
{
    private readonly List<ImmutableSortedSet<IndexedClient>> _sets;
    private readonly ImmutableSortedSet<IndexedClient>.Enumerator[] _enumerators;
    private readonly bool[] _enumerating;
    private readonly PriorityQueue<int, IndexedClient> _heads;
    private int _last = -1;

    public PostingMerge(List<ImmutableSortedSet<IndexedClient>> sets)
    {
        _sets = sets;
        _enumerators = new ImmutableSortedSet<IndexedClient>.Enumerator[sets.Count];
        _enumerating = new bool[sets.Count];
        _heads = new PriorityQueue<int, IndexedClient>(sets.Count, IndexedClient.Order);
        // One posting is walked directly (see Next); several enter the queue by their smallest client.
        for (var i = 0; sets.Count > 1 && i < sets.Count; i++)
        {
            if (sets[i].Min is { } first)
            {
                _heads.Enqueue(i, first);
            }
        }
    }

    /// <summary>The next client in order, or <c>null</c> when every posting is exhausted.</summary>
    public IndexedClient? Next()
    {
        if (_sets.Count == 1)
        {
            // One posting (the usual case: a last name, a phone) is already in order: no queue.
            if (!_enumerating[0])
            {
                _enumerators[0] = _sets[0].GetEnumerator();
                _enumerating[0] = true;
            }

            return _enumerators[0].MoveNext() ? _enumerators[0].Current : null;
        }

        // The posting that gave the last client moves on only now, so a caller that stops early walks no further.
        if (_last >= 0 && _sets[_last].Count > 1)
        {
            if (!_enumerating[_last])
            {
                _enumerators[_last] = _sets[_last].GetEnumerator();
                _enumerators[_last].MoveNext();
                _enumerating[_last] = true;
            }

            if (_enumerators[_last].MoveNext())
            {
                _heads.Enqueue(_last, _enumerators[_last].Current);
            }
        }

        if (!_heads.TryDequeue(out _last, out var client))
        {
            _last = -1;
            return null;
        }

        return client;
    }

    public void Dispose()
    {
        for (var i = 0; i < _enumerators.Length; i++)
        {
            if (_enumerating[i])
            {
                _enumerators[i].Dispose();
            }
        }
    }
}
