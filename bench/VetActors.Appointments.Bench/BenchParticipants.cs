using System.Collections.Concurrent;
using VetActors.Grains.Appointments;
using VetActors.Grains.Support;

namespace VetActors.Appointments.Bench;

/// <summary>The benchmark's notification sink: counts every notification and keeps when each was sent.</summary>
internal sealed class CountingNotifier : IAppointmentNotifier
{
    public ConcurrentDictionary<(string Key, NotificationKind Kind), ConcurrentBag<DateTimeOffset>> Sent { get; } = new();

    public int Count(NotificationKind kind) => Sent.Count(s => s.Key.Kind == kind);

    public Task NotifyAsync(AppointmentNotification notification, CancellationToken cancellationToken)
    {
        Sent.GetOrAdd(($"{notification.ClinicId}/{notification.Reference}", notification.Kind), _ => []).Add(notification.At);
        return Task.CompletedTask;
    }
}

/// <summary>In the benchmark every practitioner id names an active veterinarian.</summary>
internal sealed class EveryoneIsAVeterinarian : IPractitionerDirectory
{
    public Task<bool> IsActiveVeterinarianAsync(string clinicId, string staffId, CancellationToken cancellationToken) => Task.FromResult(true);
}

/// <summary>Counts audit entries (support cases opened by the deadlines).</summary>
internal sealed class CountingAuditTrail : ISupportAuditTrail
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task RecordAsync(SupportAuditEntry entry, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }
}
