using System.Collections.Concurrent;
using VetActors.Grains.Appointments;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>Keeps every notification sent, across silo restarts.</summary>
public sealed class RecordingNotifier : IAppointmentNotifier
{
    private readonly ConcurrentQueue<AppointmentNotification> _sent = new();

    public IReadOnlyList<AppointmentNotification> Sent => [.. _sent];

    public int Count(string reference, NotificationKind kind) => _sent.Count(n => n.Reference == reference && n.Kind == kind);

    public Task NotifyAsync(AppointmentNotification notification, CancellationToken cancellationToken)
    {
        _sent.Enqueue(notification);
        return Task.CompletedTask;
    }
}
