using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A vaccine given; current while <see cref="Expires"/> is in the future (or unknown).</summary>
[Immutable]
public sealed record Vaccination(string PimsId, string Vaccine, DateOnly Given, DateOnly? Expires);
