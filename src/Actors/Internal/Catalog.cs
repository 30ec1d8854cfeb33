using System.Collections.Concurrent;

namespace VetActors.Actors.Internal;

/// <summary>The silo's activations by grain id: at most one per grain, created on the first call.</summary>
internal sealed class Catalog(ActorRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    internal int Count => _activations.Count;

    /// <summary>Enumerates live activations without the snapshot copy <c>Values</c> would make of a million entries.</summary>
    internal IEnumerable<Activation> Activations => _activations.Select(static entry => entry.Value);

    internal Activation GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        if (!runtime.AcceptsActivations)
        {
            throw new SiloUnavailableException($"The silo is not running: {grainId} cannot be activated.");
        }

        var grainClass = runtime.Registry.GetClass(grainId.Type);
        return _activations.GetOrAdd(grainId, static (id, state) => new Activation(state.runtime, id, state.grainClass), (runtime, grainClass));
    }

    internal bool TryGet(GrainId grainId, out Activation? activation) => _activations.TryGetValue(grainId, out activation);

    internal void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));

    internal void Clear() => _activations.Clear();
}
