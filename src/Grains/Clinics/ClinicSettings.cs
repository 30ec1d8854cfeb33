using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clinics;

/// <summary>
/// A clinic's portal settings: which appointments clients see and how far ahead, the website widgets turned on,
/// and whether clients see their pets' services due.
/// </summary>
[Immutable]
public sealed record ClinicSettings(AppointmentVisibility Appointments, IReadOnlyList<WebsiteWidget> Widgets, bool ServiceRemindersEnabled)
{
    /// <summary>What a clinic has until someone changes it: every appointment type 180 days ahead, no widget, reminders on.</summary>
    public static ClinicSettings Default { get; } = new(AppointmentVisibility.Default, [], true);
}
