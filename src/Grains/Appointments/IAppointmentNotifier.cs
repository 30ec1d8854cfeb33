namespace VetActors.Grains.Appointments;

/// <summary>
/// Delivers appointment notifications (the host wires it to the notification outbox). Called after the state
/// change is durable, so a crash in between can repeat a notification but never lose the change.
/// </summary>
public interface IAppointmentNotifier
{
    Task NotifyAsync(AppointmentNotification notification, CancellationToken cancellationToken);
}
