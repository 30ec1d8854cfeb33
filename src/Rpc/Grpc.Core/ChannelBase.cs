namespace Grpc.Core;

/// <summary>A connection (or pool of connections) to one target that calls are made on.</summary>
public abstract class ChannelBase
{
    protected ChannelBase(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The address the channel connects to.</summary>
    public string Target { get; }

    /// <summary>A call invoker that starts calls on this channel.</summary>
    public abstract CallInvoker CreateCallInvoker();

    /// <summary>Closes the channel; calls in progress end.</summary>
    public Task ShutdownAsync() => ShutdownAsyncCore();

    protected virtual Task ShutdownAsyncCore() => Task.CompletedTask;
}
