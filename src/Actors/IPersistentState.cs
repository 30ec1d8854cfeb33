namespace VetActors.Actors;

/// <summary>
/// A grain's durable state (Orleans' <c>IPersistentState&lt;T&gt;</c>). <see cref="State"/> is loaded before
/// activation; writes are fenced by <see cref="Etag"/> and throw <see cref="InconsistentStateException"/>
/// when another writer got there first.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The state; a new instance when nothing is stored.</summary>
    TState State { get; set; }

    /// <summary>The version read or last written; <c>null</c> when no row exists.</summary>
    string? Etag { get; }

    /// <summary>Whether storage holds a payload for this state.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>; returns once durable.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the stored payload and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
