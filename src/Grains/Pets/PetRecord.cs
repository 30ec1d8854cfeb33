using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>
/// Everything the clinic holds about a pet, for staff: its profile (signalment, weight history, "data as of"), the
/// owner's PIMS id, every rename, and every live appointment, reminder, vaccination and prescription.
/// </summary>
[Immutable]
public sealed record PetRecord(
    PetProfile Profile,
    string? OwnerPimsId,
    IReadOnlyList<PetNameChange> NameHistory,
    IReadOnlyList<PetAppointment> Appointments,
    IReadOnlyList<ServiceReminder> Reminders,
    IReadOnlyList<Vaccination> Vaccinations,
    IReadOnlyList<Prescription> Prescriptions);
