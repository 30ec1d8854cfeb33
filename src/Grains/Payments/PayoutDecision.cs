using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>What <see cref="PayoutRules"/> decide for one appointment: a status and the amount earned (zero unless payable).</summary>
[Immutable]
public sealed record PayoutDecision(PayoutStatus Status, long AmountMinorUnits);
