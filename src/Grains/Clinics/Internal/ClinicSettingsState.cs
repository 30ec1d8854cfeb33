namespace VetActors.Grains.Clinics.Internal;

internal sealed class ClinicSettingsState
{
    /// <summary>Unset until staff first change the settings: the clinic has <see cref="ClinicSettings.Default"/>.</summary>
    public ClinicSettings? Settings { get; set; }
}
