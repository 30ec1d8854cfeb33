namespace VetActors.Actors.Internal;

/// <summary>A grain interface's generated proxy and the descriptors of its methods, by method index.</summary>
internal sealed class GrainInterfaceInfo(Type grainInterface, MethodDescriptor[] methods, Func<ActorRuntime, GrainId, GrainInterfaceInfo, GrainReference> createProxy)
{
    internal Type Interface { get; } = grainInterface;

    internal MethodDescriptor[] Methods { get; } = methods;

    internal GrainReference CreateReference(ActorRuntime runtime, GrainId grainId) => createProxy(runtime, grainId, this);
}
