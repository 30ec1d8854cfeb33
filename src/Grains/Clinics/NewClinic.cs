using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clinics;

/// <summary>What a clinic is created with: its profile and the practice password of its shared front-desk login.</summary>
[Immutable]
public sealed record NewClinic(ClinicProfile Profile, string PracticePassword);
