namespace Grpc.Core;

/// <summary>The base of generated clients, able to create a copy of itself with other settings.</summary>
public abstract class ClientBase<T> : ClientBase where T : ClientBase<T>
{
    protected ClientBase()
    {
    }

    protected ClientBase(ClientBaseConfiguration configuration) : base(configuration)
    {
    }

    protected ClientBase(ChannelBase channel) : base(channel)
    {
    }

    protected ClientBase(CallInvoker callInvoker) : base(callInvoker)
    {
    }

    /// <summary>A client like this one whose calls name <paramref name="host"/> as their authority.</summary>
    public T WithHost(string host) => NewInstance(Configuration.WithHost(host));

    protected abstract T NewInstance(ClientBaseConfiguration configuration);
}
