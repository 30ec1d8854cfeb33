using VetActors.Actors.Storage;

namespace VetActors.Grains.Tests.Conversations;

/// <summary>
/// In-memory storage whose every operation completes asynchronously, as a database round trip does, so that a
/// grain turn really suspends at each write and concurrent requests get the chance to interleave.
/// </summary>
internal sealed class YieldingGrainStorage(InMemoryGrainStorage inner) : IGrainStorage
{
    public async Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.ReadAsync(id, cancellationToken);
    }

    public async Task<string> WriteAsync(GrainStateId id, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.WriteAsync(id, payload, expectedEtag, cancellationToken);
    }

    public async Task<string?> ClearAsync(GrainStateId id, string? expectedEtag, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.ClearAsync(id, expectedEtag, cancellationToken);
    }
}
