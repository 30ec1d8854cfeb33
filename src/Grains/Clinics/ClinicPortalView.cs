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
    // Every home asks for the clinic's date, and TimeZoneInfo.FindSystemTimeZoneById takes a process-wide lock; one
    // view serves many homes, so the zone is looked up once per view. A benign race at worst looks it up twice.
    private TimeZoneInfo? _zone;

    public bool ServicesDueShown => PimsSupportsServiceReminders && Settings.ServiceRemindersEnabled;

    private TimeZoneInfo Zone => _zone ??= TimeZoneInfo.FindSystemTimeZoneById(Profile.TimeZone);

    /// <summary>The clinic's date at <paramref name="now"/>: "due today" means today where the clinic is.</summary>
    public DateOnly TodayAt(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>What the pets are asked for at <paramref name="now"/>.</summary>
    public PortalWindow WindowAt(DateTimeOffset now) => new(now, TodayAt(now), Settings.Appointments, ServicesDueShown);
}
