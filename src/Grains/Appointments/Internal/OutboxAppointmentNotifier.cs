using Microsoft.Extensions.Logging;
using VetActors.Actors;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;

namespace VetActors.Grains.Appointments.Internal;

/// <summary>
/// Sends appointment notifications through the durable outbox. Practitioners are staff members, so their address is
/// the roster's email; a client's is the email on their client record, and the outbox applies the client's consent.
/// A client without an email on record, or who opted out of email, is logged as not notified rather than guessed.
/// </summary>
internal sealed partial class OutboxAppointmentNotifier(IGrainFactory grains, IOutbox outbox, ILogger<OutboxAppointmentNotifier> logger)
    : IAppointmentNotifier
{
    public async Task NotifyAsync(AppointmentNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var subject = $"Appointment {notification.Reference}: {Subject(notification.Kind)}";
        if (notification.Recipient is CallParty.Practitioner)
        {
            var member = await grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(notification.ClinicId)).GetMemberAsync(notification.RecipientId);
            await outbox.EnqueueAsync(new OutgoingMessage(notification.ClinicId, MessageChannel.Email, member.Email, subject, notification.Message), cancellationToken);
            return;
        }

        var email = await ClientEmailAsync(notification.ClinicId, notification.RecipientId);
        if (email is null)
        {
            LogNoClientAddress(logger, notification.ClinicId, notification.Reference, notification.Kind);
            return;
        }

        try
        {
            var message = new OutgoingMessage(notification.ClinicId, MessageChannel.Email, email, subject, notification.Message)
            {
                ClientId = notification.RecipientId,
                PetId = notification.PetId,
            };
            await outbox.EnqueueAsync(message, cancellationToken);
        }
        catch (RuleViolation e) when (e.Code == OutboxRules.RecipientOptedOut)
        {
            LogClientOptedOut(logger, notification.ClinicId, notification.Reference, notification.Kind);
        }
        catch (RuleViolation e) when (e.Code == OutboxRules.PetNotNotifiable)
        {
            // The outbox wrote the withheld message to the clinic's audit log; the log line ties it to the appointment.
            LogPetNotNotifiable(logger, notification.ClinicId, notification.Reference, notification.Kind, e.Message);
        }
    }

    private async Task<string?> ClientEmailAsync(string clinicId, string clientId)
    {
        try
        {
            var profile = await grains.GetGrain<IClientGrain>(GrainKeys.Client(clinicId, clientId)).GetProfileAsync();
            return profile.Deleted || string.IsNullOrWhiteSpace(profile.Details.Email) ? null : profile.Details.Email;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static string Subject(NotificationKind kind) => kind switch
    {
        NotificationKind.NoShowOptionOpen => "you may now declare a no-show",
        NotificationKind.RecordDeadlineWarning => "four hours left to complete the record",
        NotificationKind.RecordOverdue => "the record is overdue",
        NotificationKind.MoreInformationRequested => "more information requested",
        _ => "update",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "No email on record for the client of appointment {Reference} in clinic {ClinicId}; {Kind} notification not sent")]
    private static partial void LogNoClientAddress(ILogger logger, string clinicId, string reference, NotificationKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "The client of appointment {Reference} in clinic {ClinicId} opted out of email; {Kind} notification not sent")]
    private static partial void LogClientOptedOut(ILogger logger, string clinicId, string reference, NotificationKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "The client of appointment {Reference} in clinic {ClinicId} was not sent the {Kind} notification: {Reason}")]
    private static partial void LogPetNotNotifiable(ILogger logger, string clinicId, string reference, NotificationKind kind, string reason);
}
