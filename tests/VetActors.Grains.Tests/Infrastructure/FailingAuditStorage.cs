using VetActors.Actors.Storage;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>In-memory grain storage whose next write of a clinic's audit log fails when armed, as a full disk would.</summary>
public sealed class FailingAuditStorage : IGrainStorage
{
    private readonly InMemoryGrainStorage _inner = new();

    public bool FailNextAuditWrite { get; set; }

    public Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken) => _inner.ReadAsync(id, cancellationToken);

    public Task<string> WriteAsync(GrainStateId id, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (FailNextAuditWrite && id.GrainKey.EndsWith("/audit/log", StringComparison.Ordinal))
        {
            FailNextAuditWrite = false;
            return Task.FromException<string>(new IOException("No space left on device."));
        }

        return _inner.WriteAsync(id, payload, expectedEtag, cancellationToken);
    }

    public Task<string?> ClearAsync(GrainStateId id, string? expectedEtag, CancellationToken cancellationToken) => _inner.ClearAsync(id, expectedEtag, cancellationToken);
}
