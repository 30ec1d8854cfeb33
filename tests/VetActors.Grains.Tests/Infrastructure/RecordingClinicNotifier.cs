using System.Collections.Concurrent;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>Stands in for the outbox: keeps what the sync grain hands over.</summary>
public sealed class RecordingClinicNotifier : IClinicNotifier
{
    public ConcurrentQueue<ClinicNotification> Sent { get; } = new();

    public Task SendAsync(ClinicNotification notification, CancellationToken cancellationToken)
    {
        Sent.Enqueue(notification);
        return Task.CompletedTask;
    }
}
