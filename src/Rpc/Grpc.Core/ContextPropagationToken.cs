namespace Grpc.Core;

/// <summary>Carries a server call's deadline and cancellation into calls it makes.</summary>
public abstract class ContextPropagationToken
{
    /// <summary>The parent call's deadline (<see cref="DateTime.MaxValue"/> when none).</summary>
    public abstract DateTime ParentDeadline { get; }

    /// <summary>Cancelled when the parent call ends or is cancelled.</summary>
    public abstract CancellationToken ParentCancellationToken { get; }

    public abstract ContextPropagationOptions Options { get; }
}
