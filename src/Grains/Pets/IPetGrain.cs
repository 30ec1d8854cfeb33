using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A patient of one clinic (<c>clinic-42/pet/1733</c>) with its appointments, reminders, vaccines and prescriptions.</summary>
public interface IPetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies the PIMS's records for this pet in order, each only if newer than the version held (owner and
    /// deletion included); a name change the policy holds is returned, not applied.
    /// </summary>
    Task<PetApplyResult> ApplyPimsAsync(PetPimsUpdate update);

    /// <summary>
    /// Renames the pet (staff only, with a reason): leaves an audit record linking both names to this animal and
    /// flags every active prescription for re-writing under the new name.
    /// </summary>
    Task<PetNameChange> RenameAsync(string newName, string reason, string staffUserId);

    /// <summary>Moves the pet to another owner (undoing a merge).</summary>
    Task MoveToOwnerAsync(string clientId);

    [ReadOnly]
    Task<PetProfile> GetProfileAsync();

    /// <summary>The whole record for staff (signalment, histories and every live PIMS record); NOT_FOUND for an unknown pet.</summary>
    [ReadOnly]
    Task<PetRecord> GetRecordAsync();

    /// <summary>Open service reminders to show: overdue ones and those due within 6 months; none for a deceased pet.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ServiceReminder>> GetServiceRemindersAsync();

    /// <summary>Services coming up (due today or later, within 6 months); none for a deceased pet.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ServiceReminder>> GetUpcomingServicesAsync();

    [ReadOnly]
    Task<IReadOnlyList<Vaccination>> GetVaccinationsAsync();

    /// <summary>Every appointment, latest first, with the flags staff must act on.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PetAppointment>> GetAppointmentsAsync();

    [ReadOnly]
    Task<IReadOnlyList<Prescription>> GetPrescriptionsAsync();

    /// <summary>Every rename, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PetNameChange>> GetNameHistoryAsync();

    /// <summary>Whether notifications about this pet may go out (never for a deceased or deleted pet).</summary>
    [ReadOnly]
    Task<bool> CanNotifyAsync();

    /// <summary>
    /// Why messages to the owner about this pet must be withheld (it is deceased or was deleted), or <c>null</c> when
    /// nothing is known against them (a pet the PIMS never sent included). The outbox asks before queuing one.
    /// </summary>
    [ReadOnly]
    Task<string?> GetNotificationBlockAsync();

    /// <summary>The pet as its owner sees it; NOT_FOUND when it is not <paramref name="clientId"/>'s pet.</summary>
    [ReadOnly]
    Task<PetPortalView> GetForOwnerAsync(string clientId);

    /// <summary>As <see cref="GetForOwnerAsync"/>, <c>null</c> instead of NOT_FOUND (for the owner's list).</summary>
    [ReadOnly]
    Task<PetPortalView?> FindForOwnerAsync(string clientId);

    /// <summary>The owner's ID card: signalment and current vaccines; FAILED_PRECONDITION when the clinic's PIMS does not feed it.</summary>
    [ReadOnly]
    Task<PetIdCard> GetIdCardAsync(string clientId);

    /// <summary>
    /// The owner's service reminders: open ones due up to 6 months from the clinic's today, overdue ones included;
    /// FAILED_PRECONDITION when the clinic's PIMS does not feed them.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<DueService>> GetDueServicesForOwnerAsync(string clientId);

    /// <summary>Stores the owner's photo (a well-formed JPEG or PNG of at most 10 MiB), replacing the previous one.</summary>
    Task<PetPhotoInfo> SetPhotoAsync(string clientId, PetPhotoUpload upload);

    /// <summary>The owner's photo; NOT_FOUND before one is uploaded.</summary>
    [ReadOnly]
    Task<PetPhoto> GetPhotoAsync(string clientId);
    /// <summary>
    /// The pet on the portal home: signalment, upcoming appointments the window shows and, when it asks, services due
    /// within 6 months of its date; <c>null</c> for a deleted or unknown pet.
    /// </summary>
    [ReadOnly]
    Task<PetPortalSummary?> GetPortalSummaryAsync(PortalWindow window);

    /// <summary>The appointments the window's visibility shows (past ones and those up to its horizon), latest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PetAppointment>> GetVisibleAppointmentsAsync(PortalWindow window);
}
