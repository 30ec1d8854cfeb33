namespace VetActors.Grains.Clinics;

/// <summary>The practice-management system a clinic runs; several portal features depend on it.</summary>
public enum PimsKind
{
    Unspecified = 0,
    Cornerstone = 1,
    CornerstoneCloud = 2,
    Avimark = 3,
    ImproMed = 4,
    EzyVet = 5,
    Pulse = 6,
    Other = 7,
}
