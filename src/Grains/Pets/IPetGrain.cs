using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A patient of one clinic (<c>clinic-42/pet/1733</c>) with its appointments, reminders, vaccines and prescriptions.</summary>
public interface IPetGrain : IGrainWithStringKey
{
    /// <summary>Applies the PIMS's records for this pet in order; a name change the policy holds is returned, not applied.</summary>
    Task<IReadOnlyList<PetRecordResult>> ApplyPimsAsync(PetPimsUpdate update);

    /// <summary>
    /// Renames the pet (staff only, with a reason): leaves an audit record linking both names to this animal and
    /// flags every active prescription for re-writing under the new name.
    /// </summary>
    Task<PetNameChange> RenameAsync(string newName, string reason, string staffUserId);

    /// <summary>Moves the pet to another owner (undoing a merge).</summary>
    Task MoveToOwnerAsync(string clientId);

    [ReadOnly]
    Task<PetProfile> GetProfileAsync();

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
    /// The pet on the portal home: signalment, upcoming appointments the window shows and, when it asks, services due
    /// within 6 months of its date; <c>null</c> for a deleted or unknown pet.
    /// </summary>
    [ReadOnly]
    Task<PetPortalSummary?> GetPortalSummaryAsync(PortalWindow window);

    /// <summary>The appointments the window's visibility shows (past ones and those up to its horizon), latest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PetAppointment>> GetVisibleAppointmentsAsync(PortalWindow window);
}
