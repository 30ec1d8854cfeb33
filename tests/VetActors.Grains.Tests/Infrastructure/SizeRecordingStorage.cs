using System.Collections.Concurrent;
using VetActors.Actors.Storage;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>In-memory grain storage that remembers the size of the last document written under each grain key.</summary>
public sealed class SizeRecordingStorage : IGrainStorage
{
    private readonly InMemoryGrainStorage _inner = new();
    private readonly ConcurrentDictionary<string, int> _sizes = new(StringComparer.Ordinal);

    /// <summary>The size in bytes of the last document written for the grain key ending with <paramref name="suffix"/>.</summary>
    public int SizeOf(string suffix) => _sizes.Single(s => s.Key.EndsWith(suffix, StringComparison.Ordinal)).Value;

    /// <summary>How many grain keys ending with a name starting with <paramref name="prefix"/> were written.</summary>
    public int CountOf(string prefix) => _sizes.Keys.Count(k => k.Contains(prefix, StringComparison.Ordinal));

    public Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken) => _inner.ReadAsync(id, cancellationToken);

    public Task<string> WriteAsync(GrainStateId id, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        _sizes[id.GrainKey] = payload.Length;
        return _inner.WriteAsync(id, payload, expectedEtag, cancellationToken);
    }

    public Task<string?> ClearAsync(GrainStateId id, string? expectedEtag, CancellationToken cancellationToken) => _inner.ClearAsync(id, expectedEtag, cancellationToken);
}
