using Microsoft.Extensions.Logging;
using VetActors.Actors;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;

namespace VetActors.Grains.Appointments.Internal;

/// <summary>
/// Sends appointment notifications through the durable outbox. Practitioners are staff members, so their address is
/// the roster's email. Client records keep no address lookup by client id yet, so a client's notification is logged
/// as undeliverable rather than guessed.
/// </summary>
internal sealed partial class OutboxAppointmentNotifier(IGrainFactory grains, IOutbox outbox, ILogger<OutboxAppointmentNotifier> logger)
    : IAppointmentNotifier
{
    public async Task NotifyAsync(AppointmentNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Recipient is not CallParty.Practitioner)
        {
            LogNoClientAddress(logger, notification.ClinicId, notification.Reference, notification.Kind);
            return;
        }

        var member = await grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(notification.ClinicId)).GetMemberAsync(notification.RecipientId);
        var subject = $"Appointment {notification.Reference}: {Subject(notification.Kind)}";
        await outbox.EnqueueAsync(new OutgoingMessage(notification.ClinicId, MessageChannel.Email, member.Email, subject, notification.Message), cancellationToken);
    }

    private static string Subject(NotificationKind kind) => kind switch
    {
        NotificationKind.NoShowOptionOpen => "you may now declare a no-show",
        NotificationKind.RecordDeadlineWarning => "four hours left to complete the record",
        NotificationKind.RecordOverdue => "the record is overdue",
        NotificationKind.MoreInformationRequested => "more information requested",
        _ => "update",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "No address for the client of appointment {Reference} in clinic {ClinicId}; {Kind} notification not sent")]
    private static partial void LogNoClientAddress(ILogger logger, string clinicId, string reference, NotificationKind kind);
}
