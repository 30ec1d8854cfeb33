using System.Threading.Channels;
using Grpc.Core;
using Grpc.Health.V1;
using VetActors.Rpc.Health.Internal;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VetActors.Rpc.Health;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service, backed by a registry of serving statuses per
/// service name (the empty name stands for the whole server), as in grpc/grpc doc/health-checking.md.
/// </summary>
public sealed class HealthServiceImpl : Grpc.Health.V1.Health.HealthBase
{
    // Same bound and policy as grpc-dotnet: a slow watcher only ever needs the latest statuses.
    private const int WatcherCapacity = 5;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ChannelWriter<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private readonly IHealthStatusSource? _source;

    /// <summary>A registry that knows no service until <see cref="SetStatus"/> is called.</summary>
    public HealthServiceImpl()
    {
    }

    internal HealthServiceImpl(IHealthStatusSource source)
    {
        _source = source;
    }

    /// <summary>Sets the status of <paramref name="service"/> ("" for the whole server) and tells its watchers if it changed.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (_statuses.TryGetValue(service, out var current) && current == status)
            {
                return;
            }
            _statuses[service] = status;
            NotifyLocked(service, status);
        }
    }

    /// <summary>Forgets <paramref name="service"/>: Check answers NOT_FOUND again, watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (_statuses.Remove(service))
            {
                NotifyLocked(service, ServingStatus.ServiceUnknown);
            }
        }
    }

    /// <summary>Forgets every service.</summary>
    public void ClearAll()
    {
        lock (_lock)
        {
            foreach (var service in _statuses.Keys)
            {
                NotifyLocked(service, ServingStatus.ServiceUnknown);
            }
            _statuses.Clear();
        }
    }

    /// <summary>The current status of <paramref name="service"/>, if it is known.</summary>
    public bool TryGetStatus(string service, out ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        if (_source is not null && _source.Maps(request.Service) && !_source.UseCache)
        {
            var fresh = await _source.CheckAsync(request.Service, context.CancellationToken);
            SetStatus(request.Service, fresh);
            return new HealthCheckResponse { Status = fresh };
        }

        if (!TryGetStatus(request.Service, out var status))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
        }
        return new HealthCheckResponse { Status = status };
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);

        var service = request.Service;
        var cancellationToken = context.CancellationToken;
        if (_source is not null && _source.Maps(service) && !TryGetStatus(service, out _))
        {
            // A service the health checks cover has a real status; do not report it unknown just
            // because the periodic publisher has not run yet.
            SetStatus(service, await _source.CheckAsync(service, cancellationToken));
        }

        var updates = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(WatcherCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            // The current status goes in under the lock that registers the watcher, so no change can
            // slip between the first message and the subscription.
            updates.Writer.TryWrite(_statuses.TryGetValue(service, out var current) ? current : ServingStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(service, out var list))
            {
                _watchers[service] = list = [];
            }
            list.Add(updates.Writer);
        }

        try
        {
            while (await updates.Reader.WaitToReadAsync(cancellationToken))
            {
                while (updates.Reader.TryRead(out var status))
                {
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = status });
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client stopped watching: the normal end of a Watch.
        }
        finally
        {
            lock (_lock)
            {
                var list = _watchers[service];
                list.Remove(updates.Writer);
                if (list.Count == 0)
                {
                    _watchers.Remove(service);
                }
            }
        }
    }

    private void NotifyLocked(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var watcher in list)
            {
                watcher.TryWrite(status);
            }
        }
    }
}
