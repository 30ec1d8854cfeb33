using VetActors.Grains.Common;

namespace VetActors.Grains.Clinics;

/// <summary>
/// Which portal features each PIMS supports. The exports of the other systems lack the data (cloud Cornerstone has
/// no vaccine certificate feed, ezyVet no reminder feed), so the portal must refuse rather than show an empty list.
/// </summary>
public static class PimsCapabilities
{
    public static bool Supports(PimsKind pims, PimsFeature feature) => feature switch
    {
        PimsFeature.PetIdCard => pims is PimsKind.Cornerstone or PimsKind.Avimark or PimsKind.ImproMed or PimsKind.EzyVet or PimsKind.Pulse,
        PimsFeature.ServiceReminders => pims is PimsKind.Cornerstone or PimsKind.Avimark or PimsKind.ImproMed or PimsKind.Pulse,
        _ => false,
    };

    /// <summary>Throws <see cref="RuleViolation"/> (FAILED_PRECONDITION) naming the feature and the clinic's PIMS when unsupported.</summary>
    public static void Require(PimsKind pims, PimsFeature feature)
    {
        if (!Supports(pims, feature))
        {
            throw new RuleViolation(
                "pims.feature_unavailable", $"{Describe(feature)} {(feature == PimsFeature.ServiceReminders ? "are" : "is")} not available for clinics on {Describe(pims)}.");
        }
    }

    public static string Describe(PimsFeature feature) => feature switch
    {
        PimsFeature.PetIdCard => "The pet ID card",
        PimsFeature.ServiceReminders => "Service reminders",
        _ => feature.ToString(),
    };

    public static string Describe(PimsKind pims) => pims switch
    {
        PimsKind.Cornerstone => "Cornerstone",
        PimsKind.CornerstoneCloud => "Cornerstone Cloud",
        PimsKind.Avimark => "AVImark",
        PimsKind.ImproMed => "ImproMed",
        PimsKind.EzyVet => "ezyVet",
        PimsKind.Pulse => "Pulse",
        PimsKind.Other => "another PIMS",
        _ => "an unspecified PIMS",
    };
}
