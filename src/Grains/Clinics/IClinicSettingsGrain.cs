using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clinics;

/// <summary>
/// A clinic's portal settings (key <see cref="ClinicSettingsKeys.For"/>), read on every portal home: the one place
/// that decides which appointments and services clients see.
/// </summary>
[GrainType("clinic-settings")]
public interface IClinicSettingsGrain : IGrainWithStringKey
{
    /// <summary>The clinic's profile and settings (the defaults until changed). NOT_FOUND for a clinic that does not exist.</summary>
    [ReadOnly]
    Task<ClinicPortalView> GetPortalViewAsync();

    /// <summary>Replaces the settings after checking every field; the change lands in the clinic's audit log.</summary>
    Task<ClinicPortalView> UpdateAsync(ClinicSettings settings, string staffUserId);
}
