using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// The processor's answer to a capture: approved with its reference and fee, or declined with a reason that can be
/// shown to the client.
/// </summary>
[Immutable]
public sealed record CardCaptureResult(bool Approved, string ProcessorReference, Money Fee, string? DeclineReason = null);
