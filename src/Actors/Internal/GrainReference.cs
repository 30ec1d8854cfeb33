namespace VetActors.Actors.Internal;

/// <summary>
/// The base of every generated proxy: a grain's address plus the one place every call goes through
/// (<see cref="ActorRuntime.Dispatch"/>), so a later cluster step can route a call to another silo here.
/// </summary>
internal abstract class GrainReference : IAddressable
{
    private Activation? _activation;

    protected GrainReference(ActorRuntime runtime, GrainId grainId, GrainInterfaceInfo grainInterface)
    {
        Runtime = runtime;
        GrainId = grainId;
        Interface = grainInterface;
    }

    internal ActorRuntime Runtime { get; }

    internal GrainId GrainId { get; }

    internal GrainInterfaceInfo Interface { get; }

    public override string ToString() => $"{Interface.Interface.Name}:{GrainId}";

    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();

    /// <summary>Called by the generated proxy methods returning <see cref="Task"/>.</summary>
    public Task InvokeVoid(Request request, int methodIndex)
    {
        request.Method = Interface.Methods[methodIndex];
        return request.Send(this);
    }

    /// <summary>Called by the generated proxy methods returning <see cref="Task{TResult}"/>.</summary>
    public Task<TResult> Invoke<TResult>(Request<TResult> request, int methodIndex)
    {
        request.Method = Interface.Methods[methodIndex];
        return request.Send(this);
    }

    /// <summary>The local activation, cached while it lives.</summary>
    internal Activation ResolveActivation()
    {
        var activation = _activation;
        if (activation is null || activation.IsDeactivated)
        {
            activation = Runtime.Catalog.GetOrCreate(GrainId);
            _activation = activation;
        }

        return activation;
    }
}
