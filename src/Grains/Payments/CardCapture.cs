using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>A capture asked of the card processor: an opaque card token, never a card number.</summary>
[Immutable]
public sealed record CardCapture(string ClinicId, string IdempotencyKey, Money Amount, string CardToken);
