using VetActors.Actors;

namespace VetActors.Grains.Practitioners;

/// <summary>
/// A practitioner's schedule and pause state, keyed <c>clinic-42/practitioner/&lt;staff id&gt;</c>. No
/// double-booking; no new booking while paused; paused while any record is overdue.
/// </summary>
[GrainType("practitioner")]
public interface IPractitionerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records that this staff member is a veterinarian who holds appointments (idempotent); the change, not a
    /// repeat, goes to the clinic's audit log as done by staff member <paramref name="enrolledBy"/>.
    /// </summary>
    Task<PractitionerSchedule> EnrollAsync(string enrolledBy);

    /// <summary>Stops new bookings with this practitioner; existing ones stay (idempotent, audited like enrolment).</summary>
    Task<PractitionerSchedule> WithdrawAsync(string withdrawnBy);

    /// <summary>Reserves [start, start + duration) for an appointment; refused when paused or overlapping.</summary>
    Task ReserveAsync(string reference, DateTimeOffset start, TimeSpan duration);

    /// <summary>Moves a reservation; refused when the new slot overlaps another.</summary>
    Task MoveAsync(string reference, DateTimeOffset start, TimeSpan duration);

    /// <summary>Removes a reservation (idempotent).</summary>
    Task ReleaseAsync(string reference);

    /// <summary>Records an overdue record (idempotent); returns whether this began a pause.</summary>
    Task<bool> MarkOverdueAsync(string reference);

    /// <summary>Clears an overdue record (idempotent); returns whether this lifted the pause.</summary>
    Task<bool> ClearOverdueAsync(string reference);

    Task<PractitionerSchedule> GetAsync();
}
