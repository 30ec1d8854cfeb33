using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// A payment to collect, for an appointment (<paramref name="AppointmentReference"/>) or a free-form invoice
/// (<paramref name="InvoiceId"/> and <paramref name="Description"/>). <paramref name="CardToken"/> is the card
/// processor's opaque token for the card (never a card number); <paramref name="CardLast4"/> is optional and the
/// only card detail kept. Retrying with the same <paramref name="IdempotencyKey"/> collects once.
/// <paramref name="CollectedBy"/> names the actor as the audit log does.
/// </summary>
[Immutable]
public sealed record CollectPayment(
    string IdempotencyKey,
    Money Amount,
    string? AppointmentReference,
    string? InvoiceId,
    string? Description,
    string CardToken,
    string? CardLast4,
    string CollectedBy);
