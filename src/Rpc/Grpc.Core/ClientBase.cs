namespace Grpc.Core;

/// <summary>The base of generated clients: holds the call invoker calls go through.</summary>
public abstract class ClientBase
{
    /// <summary>For mocking: a client whose calls all fail as unimplemented.</summary>
    protected ClientBase() : this(new UnimplementedCallInvoker())
    {
    }

    protected ClientBase(ClientBaseConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        CallInvoker = configuration.CreateDecoratedCallInvoker();
    }

    protected ClientBase(ChannelBase channel) : this((channel ?? throw new ArgumentNullException(nameof(channel))).CreateCallInvoker())
    {
    }

    protected ClientBase(CallInvoker callInvoker) : this(new ClientBaseConfiguration(callInvoker, null))
    {
    }

    /// <summary>The invoker calls go through (after any host override).</summary>
    protected CallInvoker CallInvoker { get; }

    internal ClientBaseConfiguration Configuration { get; }

    /// <summary>How a client is constructed: its underlying invoker and an optional host override.</summary>
    protected internal class ClientBaseConfiguration
    {
        private readonly CallInvoker _undecoratedCallInvoker;
        private readonly string? _host;

        internal ClientBaseConfiguration(CallInvoker undecoratedCallInvoker, string? host)
        {
            _undecoratedCallInvoker = undecoratedCallInvoker ?? throw new ArgumentNullException(nameof(undecoratedCallInvoker));
            _host = host;
        }

        internal CallInvoker CreateDecoratedCallInvoker() =>
            _host is null ? _undecoratedCallInvoker : new HostOverridingCallInvoker(_undecoratedCallInvoker, _host);

        internal ClientBaseConfiguration WithHost(string host)
        {
            ArgumentNullException.ThrowIfNull(host);
            return new ClientBaseConfiguration(_undecoratedCallInvoker, host);
        }
    }
}
