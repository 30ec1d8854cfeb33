namespace VetActors.Actors.Internal;

/// <summary>
/// An immutable snapshot of <see cref="RequestContext"/>: grain calls carry the reference, so capturing it
/// per call costs nothing and a callee's changes never reach the caller.
/// </summary>
internal sealed class RequestContextData
{
    internal static readonly RequestContextData Empty = new([], allowCallChainReentrancy: false);

    private readonly KeyValuePair<string, object>[] _entries;

    private RequestContextData(KeyValuePair<string, object>[] entries, bool allowCallChainReentrancy)
    {
        _entries = entries;
        AllowCallChainReentrancy = allowCallChainReentrancy;
    }

    internal bool AllowCallChainReentrancy { get; }

    internal IReadOnlyList<KeyValuePair<string, object>> Entries => _entries;

    internal bool IsEmpty => _entries.Length == 0 && !AllowCallChainReentrancy;

    internal object? Get(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    internal RequestContextData With(string key, object value)
    {
        var index = IndexOf(key);
        KeyValuePair<string, object>[] copy;
        if (index >= 0)
        {
            copy = (KeyValuePair<string, object>[])_entries.Clone();
            copy[index] = new(key, value);
        }
        else
        {
            copy = new KeyValuePair<string, object>[_entries.Length + 1];
            _entries.CopyTo(copy, 0);
            copy[^1] = new(key, value);
        }

        return new RequestContextData(copy, AllowCallChainReentrancy);
    }

    internal RequestContextData Without(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return this;
        }

        var copy = new KeyValuePair<string, object>[_entries.Length - 1];
        Array.Copy(_entries, 0, copy, 0, index);
        Array.Copy(_entries, index + 1, copy, index, _entries.Length - index - 1);
        return new RequestContextData(copy, AllowCallChainReentrancy);
    }

    internal RequestContextData WithReentrancy(bool allow) =>
        allow == AllowCallChainReentrancy ? this : new RequestContextData(_entries, allow);

    internal RequestContextData Cleared() => _entries.Length == 0 ? this : new RequestContextData([], AllowCallChainReentrancy);

    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
