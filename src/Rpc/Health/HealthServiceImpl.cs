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
public sealed partial class HealthServiceImpl : Grpc.Health.V1.Health.HealthBase
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ChannelWriter<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private readonly IHealthStatusSource? _source;
    private bool _shutDown;

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
            if (_shutDown || (_statuses.TryGetValue(service, out var current) && current == status))
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
            if (!_shutDown && _statuses.Remove(service))
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
            if (_shutDown)
            {
                return;
            }
            foreach (var service in _statuses.Keys)
            {
                NotifyLocked(service, ServingStatus.ServiceUnknown);
            }
            _statuses.Clear();
        }
    }

    /// <summary>
    /// For a server that is stopping: every known service becomes NOT_SERVING, later changes are ignored,
    /// and open Watch streams end once they have sent it, so load balancers move to other servers
    /// (C++ <c>HealthCheckServiceInterface::Shutdown</c> semantics). Calling it again does nothing.
    /// </summary>
    public void Shutdown()
    {
        lock (_lock)
        {
            if (_shutDown)
            {
                return;
            }
            _shutDown = true;
            foreach (var service in _statuses.Keys.ToList())
            {
                _statuses[service] = ServingStatus.NotServing;
            }
            foreach (var (service, list) in _watchers)
            {
                foreach (var watcher in list)
                {
                    if (_statuses.ContainsKey(service))
                    {
                        watcher.TryWrite(ServingStatus.NotServing);
                    }
                    watcher.TryComplete();
                }
            }
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
            var fresh = IsShutDown ? ServingStatus.NotServing : await _source.CheckAsync(request.Service, context.CancellationToken);
            SetStatus(request.Service, fresh);
            return new HealthCheckResponse { Status = fresh };
        }

        if (!TryGetStatus(request.Service, out var status))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
        }
        return new HealthCheckResponse { Status = status };
    }

    private bool IsShutDown
    {
        get
        {
            lock (_lock)
            {
                return _shutDown;
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
