namespace Grpc.Core;

/// <summary>Which properties of a server call a child call inherits.</summary>
public class ContextPropagationOptions
{
    /// <summary>Propagates both the deadline and the cancellation.</summary>
    public static readonly ContextPropagationOptions Default = new();

    public ContextPropagationOptions(bool propagateDeadline = true, bool propagateCancellation = true)
    {
        IsPropagateDeadline = propagateDeadline;
        IsPropagateCancellation = propagateCancellation;
    }

    public bool IsPropagateDeadline { get; }

    public bool IsPropagateCancellation { get; }
}
