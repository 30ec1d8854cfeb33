using VetActors.Actors;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;

namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// Sends the integration's emails through the clinic's outbox, one to each of its Site Administrators (active or
/// invited): the people who connected the PIMS and who must hear when it stops.
/// </summary>
internal sealed class OutboxClinicNotifier(IGrainFactory grains, IOutbox outbox) : IClinicNotifier
{
    public async Task SendAsync(ClinicNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var members = await grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(notification.ClinicId)).ListMembersAsync();
        foreach (var admin in members.Where(m => m.Role == StaffRole.SiteAdministrator && m.Status != StaffMemberStatus.Deactivated))
        {
            await outbox.EnqueueAsync(
                new OutgoingMessage(notification.ClinicId, MessageChannel.Email, admin.Email, notification.Subject, notification.Body), cancellationToken);
        }
    }
}
