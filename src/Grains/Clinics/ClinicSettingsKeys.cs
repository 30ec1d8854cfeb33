using VetActors.Grains.Common;

namespace VetActors.Grains.Clinics;

/// <summary>Where a clinic's portal settings live.</summary>
public static class ClinicSettingsKeys
{
    /// <summary>The clinic's settings grain: <c>clinic-42/settings/portal</c>.</summary>
    public static string For(string clinicId) => GrainKeys.Child(clinicId, "settings", "portal");
}
