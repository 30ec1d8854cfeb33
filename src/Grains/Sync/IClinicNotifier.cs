namespace VetActors.Grains.Sync;

/// <summary>
/// Hands integration emails to the clinic's outbox, which resolves the recipients (the clinic's address, or its
/// Site Administrators) and delivers them. The sync grain keeps a notification until this returns.
/// </summary>
public interface IClinicNotifier
{
    Task SendAsync(ClinicNotification notification, CancellationToken cancellationToken);
}
