using VetActors.Actors.Storage;

namespace VetActors.Actors.Internal;

/// <summary>
/// <see cref="IPersistentState{TState}"/> over the registered <see cref="IGrainStorage"/>: the ETag travels
/// with every write, so a stale activation gets an <see cref="InconsistentStateException"/> instead of
/// overwriting a newer state.
/// </summary>
internal sealed class PersistentState<TState>(GrainStateId id, ActorRuntime runtime) : IPersistentState<TState>, IStateLoader
{
    public TState State { get; set; } = Activator.CreateInstance<TState>();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var started = runtime.Time.GetTimestamp();
        var failed = true;
        try
        {
            var record = await runtime.Storage.ReadAsync(id, cancellationToken);
            if (record?.Payload is { } payload)
            {
                State = StateEnvelope.Read<TState>(payload);
                RecordExists = true;
            }
            else
            {
                State = Activator.CreateInstance<TState>();
                RecordExists = false;
            }

            Etag = record?.Etag;
            failed = false;
        }
        finally
        {
            runtime.Metrics.StorageOperation("read", started, failed);
        }
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        EnsureAlive();
        var payload = StateEnvelope.Write(State);
        var started = runtime.Time.GetTimestamp();
        var failed = true;
        try
        {
            Etag = await runtime.Storage.WriteAsync(id, payload, Etag, cancellationToken);
            RecordExists = true;
            failed = false;
        }
        finally
        {
            runtime.Metrics.StorageOperation("write", started, failed);
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        EnsureAlive();
        var started = runtime.Time.GetTimestamp();
        var failed = true;
        try
        {
            Etag = await runtime.Storage.ClearAsync(id, Etag, cancellationToken);
            State = Activator.CreateInstance<TState>();
            RecordExists = false;
            failed = false;
        }
        finally
        {
            runtime.Metrics.StorageOperation("clear", started, failed);
        }
    }

    Task IStateLoader.ReadStateAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    private void EnsureAlive()
    {
        if (runtime.IsKilled)
        {
            throw new SiloUnavailableException($"The silo was killed; {id.GrainType}/{id.GrainKey} can no longer write its state.");
        }
    }
}
