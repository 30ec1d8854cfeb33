using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Consent;

/// <summary>What the automatic SMS answers say about the clinic: its name and how to reach it.</summary>
[Immutable]
public sealed record ClinicContact(string Name, string Phone);
