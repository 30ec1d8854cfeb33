using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// What a collection recorded; a retry with the same idempotency key returns this same receipt.
/// <paramref name="ClientId"/> is the appointment's client (empty for an invoice).
/// </summary>
[Immutable]
public sealed record PaymentReceipt(
    string PaymentId,
    string IdempotencyKey,
    Money Amount,
    Money Fee,
    string? AppointmentReference,
    string? InvoiceId,
    string? Description,
    string? ClientId,
    string? CardLast4,
    string ProcessorReference,
    string CollectedBy,
    DateTimeOffset CollectedAt);
