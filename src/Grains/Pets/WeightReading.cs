using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A weight measured on a date; the pet keeps every reading as history.</summary>
[Immutable]
public sealed record WeightReading(decimal Value, string Unit, DateOnly MeasuredOn);
