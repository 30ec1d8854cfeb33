using System.Threading.Channels;
using Grpc.Core;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VetActors.Rpc.Health;

public sealed partial class HealthServiceImpl
{
    // Same bound and policy as grpc-dotnet: a slow watcher only ever needs the latest statuses.
    private const int WatcherCapacity = 5;

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);

        var service = request.Service;
        var cancellationToken = context.CancellationToken;
        if (_source is not null && _source.Maps(service) && !TryGetStatus(service, out _) && !IsShutDown)
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
            if (_shutDown)
            {
                updates.Writer.TryComplete();
            }
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
}
