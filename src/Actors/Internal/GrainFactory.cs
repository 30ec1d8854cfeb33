namespace VetActors.Actors.Internal;

/// <summary>The silo's <see cref="IGrainFactory"/>: references are cheap objects bound to this runtime.</summary>
internal sealed class GrainFactory(ActorRuntime runtime) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var grainType = runtime.Registry.GetGrainType(typeof(TGrainInterface));
        return (TGrainInterface)(object)GrainTypeRegistry.GetInterface(typeof(TGrainInterface))
            .CreateReference(runtime, new GrainId(grainType, primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain
    {
        ArgumentNullException.ThrowIfNull(grainId.Type);
        ArgumentNullException.ThrowIfNull(grainId.Key);
        return (TGrainInterface)(object)GrainTypeRegistry.GetInterface(typeof(TGrainInterface)).CreateReference(runtime, grainId);
    }
}
