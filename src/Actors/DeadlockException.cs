namespace VetActors.Actors;

/// <summary>
/// A call would wait on itself: the target is a non-reentrant activation that is already busy further up
/// the same call chain. Thrown at once instead of letting the chain wait for the call timeout; the
/// message names the cycle. Allow the re-entry with <see cref="RequestContext.AllowCallChainReentrancy"/>
/// or mark the grain <see cref="Concurrency.ReentrantAttribute"/> when that is intended.
/// </summary>
public sealed class DeadlockException : Exception
{
    public DeadlockException()
    {
    }

    public DeadlockException(string message) : base(message)
    {
    }

    public DeadlockException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DeadlockException(string message, IReadOnlyList<string> callChain) : base(message)
    {
        CallChain = callChain;
    }

    /// <summary>The grains and methods of the cycle, from the first busy activation to the call that closed it.</summary>
    public IReadOnlyList<string> CallChain { get; } = [];
}
