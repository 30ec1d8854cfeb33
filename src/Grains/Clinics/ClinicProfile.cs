using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clinics;

/// <summary>A clinic as the portal and staff tools show it. <see cref="TimeZone"/> is an IANA id (<c>America/Chicago</c>).</summary>
[Immutable]
public sealed record ClinicProfile(
    string ClinicId,
    string Name,
    string Address,
    string Phone,
    string Website,
    string Hours,
    string TimeZone,
    string SmsNumber,
    PimsKind PimsKind,
    string PracticeId);
