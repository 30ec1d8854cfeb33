using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>A refund asked of the card processor against an earlier capture.</summary>
[Immutable]
public sealed record CardRefund(string ClinicId, string IdempotencyKey, string CaptureReference, Money Amount);
