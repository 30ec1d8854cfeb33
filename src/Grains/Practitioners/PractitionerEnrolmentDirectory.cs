using VetActors.Actors;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;

namespace VetActors.Grains.Practitioners;

/// <summary>
/// Answers "is this staff member an active veterinarian" from the practitioner enrolment that clinic staff keep
/// (<see cref="IPractitionerGrain.EnrollAsync"/>); the staff roster has roles, not professions.
/// </summary>
internal sealed class PractitionerEnrolmentDirectory(IGrainFactory grains) : IPractitionerDirectory
{
    public async Task<bool> IsActiveVeterinarianAsync(string clinicId, string staffId, CancellationToken cancellationToken) =>
        (await grains.GetGrain<IPractitionerGrain>(GrainKeys.Child(clinicId, "practitioner", staffId)).GetAsync()).Enrolled;
}
