using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VetActors.Rpc.Internal.Client;

namespace VetActors.Rpc.Client;

/// <summary>
/// A channel to one gRPC server over HTTP/2, shaped like Grpc.Net.Client's: h2c (prior knowledge) for
/// <c>http://</c> addresses, TLS with ALPN for <c>https://</c>. Calls share pooled connections, and more
/// connections open when a server's concurrent-stream limit is reached. Create one per server and reuse it.
/// </summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    /// <summary>The default receive limit, 4 MiB, as in gRPC's other implementations.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<IMethod, Uri> _methodUris = new();
    private readonly HashSet<IDisposable> _activeCalls = [];
    private readonly bool _disposeInvoker;
    private HttpClientCallInvoker? _callInvoker;
    private bool _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options) : base(address.Authority)
    {
        Address = address;
        var credentials = options.Credentials;
        IsSecure = ResolveSecurity(address, credentials);
        if (credentials?.CallCredentials is { } callCredentials && (IsSecure || options.UnsafeUseInsecureChannelCallCredentials))
        {
            ChannelCallCredentials = callCredentials;
        }
        UnsafeUseInsecureChannelCallCredentials = options.UnsafeUseInsecureChannelCallCredentials;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        ThrowOperationCanceledOnCancellation = options.ThrowOperationCanceledOnCancellation;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        Compression = new CompressionSettings(options.CompressionProviders);
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger<GrpcChannel>();

        if (options.HttpClient is { } httpClient)
        {
            Invoker = httpClient;
            IsHttpClient = true;
            _disposeInvoker = options.DisposeHttpClient;
        }
        else if (options.HttpHandler is { } handler)
        {
            Invoker = new HttpMessageInvoker(handler, disposeHandler: options.DisposeHttpClient);
            _disposeInvoker = true;
        }
        else
        {
            Invoker = new HttpMessageInvoker(ChannelDefaults.CreateHandler(), disposeHandler: true);
            _disposeInvoker = true;
        }
    }

    /// <summary>The server's address (scheme, host, port and any path base).</summary>
    public Uri Address { get; }

    /// <summary>The factory the channel's loggers come from.</summary>
    public ILoggerFactory LoggerFactory { get; }

    internal HttpMessageInvoker Invoker { get; }

    internal bool IsHttpClient { get; }

    internal bool IsSecure { get; }

    internal bool UnsafeUseInsecureChannelCallCredentials { get; }

    internal CallCredentials? ChannelCallCredentials { get; }

    internal int? MaxReceiveMessageSize { get; }

    internal int? MaxSendMessageSize { get; }

    internal bool ThrowOperationCanceledOnCancellation { get; }

    internal TimeProvider TimeProvider { get; }

    internal CompressionSettings Compression { get; }

    internal ILogger Logger { get; }

    /// <summary>A channel to <paramref name="address"/>, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public static GrpcChannel ForAddress(string address) => ForAddress(address, new GrpcChannelOptions());

    /// <summary>A channel to <paramref name="address"/> with the given options.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? channelOptions)
    {
        ArgumentNullException.ThrowIfNull(address);
        return ForAddress(new Uri(address, UriKind.Absolute), channelOptions);
    }

    /// <summary>A channel to <paramref name="address"/>.</summary>
    public static GrpcChannel ForAddress(Uri address) => ForAddress(address, new GrpcChannelOptions());

    /// <summary>A channel to <paramref name="address"/> with the given options.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? channelOptions)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Address '{address}' must be an absolute http or https URI.", nameof(address));
        }
        return new GrpcChannel(address, channelOptions ?? new GrpcChannelOptions());
    }

    /// <inheritdoc />
    public override CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _callInvoker ??= new HttpClientCallInvoker(this);
    }

    /// <summary>Cancels the calls still running and releases the connections (unless the HTTP client is someone else's).</summary>
    public void Dispose()
    {
        IDisposable[] calls;
        lock (_activeCalls)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            calls = [.. _activeCalls];
            _activeCalls.Clear();
        }
        foreach (var call in calls)
        {
            call.Dispose();
        }
        if (_disposeInvoker)
        {
            Invoker.Dispose();
        }
    }

    /// <inheritdoc />
    protected override Task ShutdownAsyncCore()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The service URL call credentials see, e.g. <c>https://host/package.Service</c>.</summary>
    internal string GetServiceUrl(IMethod method) => $"{Address.Scheme}://{Address.Authority}{Address.AbsolutePath.TrimEnd('/')}/{method.ServiceName}";

    internal Uri GetMethodUri(IMethod method) => _methodUris.GetOrAdd(method, static (m, address) => CombineUri(address, m.FullName), Address);

    /// <summary>Registers a started call so that disposing the channel cancels it.</summary>
    internal void RegisterActiveCall(IDisposable call)
    {
        lock (_activeCalls)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _activeCalls.Add(call);
        }
    }

    internal void UnregisterActiveCall(IDisposable call)
    {
        lock (_activeCalls)
        {
            _activeCalls.Remove(call);
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);

    private static Uri CombineUri(Uri address, string fullName)
    {
        // A path base (https://host/base/) precedes /package.Service/Method.
        var basePath = address.AbsolutePath.TrimEnd('/');
        return new Uri(address, basePath + fullName);
    }

    private static bool ResolveSecurity(Uri address, ChannelCredentials? credentials)
    {
        var isHttps = address.Scheme == Uri.UriSchemeHttps;
        if (credentials is null)
        {
            return isHttps;
        }
        if (credentials.IsSecure != isHttps)
        {
            throw new InvalidOperationException(credentials.IsSecure
                ? $"Channel is configured with secure channel credentials and can't use the 'http' address '{address}'."
                : $"Channel is configured with insecure channel credentials and can't use the 'https' address '{address}'.");
        }
        return isHttps;
    }
}
