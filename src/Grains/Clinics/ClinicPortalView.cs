using VetActors.Actors.Concurrency;
using VetActors.Grains.Pets;

namespace VetActors.Grains.Clinics;

/// <summary>
/// The clinic as its portal shows it: the profile, the settings, and whether services due are shown (the clinic's
/// PIMS can feed service reminders and the clinic has them on).
/// </summary>
[Immutable]
public sealed record ClinicPortalView(ClinicProfile Profile, ClinicSettings Settings, bool PimsSupportsServiceReminders)
{
    public bool ServicesDueShown => PimsSupportsServiceReminders && Settings.ServiceRemindersEnabled;

    /// <summary>The clinic's date at <paramref name="now"/>: "due today" means today where the clinic is.</summary>
    public DateOnly TodayAt(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(Profile.TimeZone)).DateTime);

    /// <summary>What the pets are asked for at <paramref name="now"/>.</summary>
    public PortalWindow WindowAt(DateTimeOffset now) => new(now, TodayAt(now), Settings.Appointments, ServicesDueShown);
}
