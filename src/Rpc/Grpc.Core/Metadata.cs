using System.Collections;
using System.Diagnostics;

namespace Grpc.Core;

/// <summary>
/// Headers or trailers of a call: an ordered list of key/value entries where a key may repeat.
/// Keys are lowercase ASCII (<c>0-9 a-z _ - .</c>); keys ending in <c>-bin</c> carry binary values.
/// </summary>
[DebuggerDisplay("Count = {Count}")]
public sealed partial class Metadata : IList<Metadata.Entry>
{
    /// <summary>Keys with this suffix carry binary values (base64 on the wire).</summary>
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>A read-only empty instance.</summary>
    public static readonly Metadata Empty = new Metadata().Freeze();

    private readonly List<Entry> _entries;
    private bool _readOnly;

    public Metadata()
    {
        _entries = [];
    }

    private Metadata(int capacity)
    {
        _entries = new List<Entry>(capacity);
    }

    internal static Metadata WithCapacity(int capacity) => new(capacity);

    /// <summary>Makes this instance read-only and returns it.</summary>
    internal Metadata Freeze()
    {
        _readOnly = true;
        return this;
    }

    /// <summary>The last entry with the key, or <c>null</c>.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].KeyEquals(key))
            {
                return _entries[i];
            }
        }
        return null;
    }

    /// <summary>The string value of the last entry with the key, or <c>null</c>; throws for a binary key.</summary>
    public string? GetValue(string key)
    {
        var entry = Get(key);
        if (entry is { IsBinary: true })
        {
            throw new InvalidOperationException($"Entry '{key}' is binary; use GetValueBytes.");
        }
        return entry?.Value;
    }

    /// <summary>The binary value of the last entry with the key, or <c>null</c>; throws for an ASCII key.</summary>
    public byte[]? GetValueBytes(string key)
    {
        var entry = Get(key);
        if (entry is { IsBinary: false })
        {
            throw new InvalidOperationException($"Entry '{key}' is not binary; use GetValue.");
        }
        return entry?.ValueBytes;
    }

    /// <summary>Every entry with the key, in order.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.KeyEquals(key))
            {
                yield return entry;
            }
        }
    }

    public void Add(string key, string value) => Add(new Entry(key, value));

    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            ThrowIfReadOnly();
            ArgumentNullException.ThrowIfNull(value);
            _entries[index] = value;
        }
    }

    public int Count => _entries.Count;

    public bool IsReadOnly => _readOnly;

    public int IndexOf(Entry item) => _entries.IndexOf(item);

    public void Insert(int index, Entry item)
    {
        ThrowIfReadOnly();
        ArgumentNullException.ThrowIfNull(item);
        _entries.Insert(index, item);
    }

    public void RemoveAt(int index)
    {
        ThrowIfReadOnly();
        _entries.RemoveAt(index);
    }

    public void Add(Entry item)
    {
        ThrowIfReadOnly();
        ArgumentNullException.ThrowIfNull(item);
        _entries.Add(item);
    }

    public void Clear()
    {
        ThrowIfReadOnly();
        _entries.Clear();
    }

    public bool Contains(Entry item) => _entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    public bool Remove(Entry item)
    {
        ThrowIfReadOnly();
        return _entries.Remove(item);
    }

    /// <summary>Enumerates without allocating when used from a <c>foreach</c> over <see cref="Metadata"/>.</summary>
    public List<Entry>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<Entry> IEnumerable<Entry>.GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("Metadata is read-only.");
        }
    }
}
