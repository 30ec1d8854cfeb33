using VetActors.Actors.Storage;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>In-memory grain storage whose next write of a grain whose key ends with <see cref="FailNextWriteOf"/> fails, as a full disk would.</summary>
public sealed class FailingStorage : IGrainStorage
{
    private readonly InMemoryGrainStorage _inner = new();

    /// <summary>A key suffix such as <c>/audit/log</c>; cleared by the write it fails.</summary>
    public string? FailNextWriteOf { get; set; }

    public Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken) => _inner.ReadAsync(id, cancellationToken);

    public Task<string> WriteAsync(GrainStateId id, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (FailNextWriteOf is { } suffix && id.GrainKey.EndsWith(suffix, StringComparison.Ordinal))
        {
            FailNextWriteOf = null;
            return Task.FromException<string>(new IOException("No space left on device."));
        }

        return _inner.WriteAsync(id, payload, expectedEtag, cancellationToken);
    }

    public Task<string?> ClearAsync(GrainStateId id, string? expectedEtag, CancellationToken cancellationToken) => _inner.ClearAsync(id, expectedEtag, cancellationToken);
}
