using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>The processor's reference for a refund it made.</summary>
[Immutable]
public sealed record CardRefundResult(string ProcessorReference);
