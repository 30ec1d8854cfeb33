using VetActors.Actors;

namespace VetActors.Grains.Payments;

/// <summary>
/// One idempotency key of a clinic's payments (key <c>clinic-42/payment-key/{key}</c>), written by the payment account
/// before its own state; a key counts only while the operation it names exists under that same key.
/// </summary>
[GrainType("payment-idempotency-key")]
public interface IPaymentKeyGrain : IGrainWithStringKey
{
    /// <summary>Replaces the record.</summary>
    Task PutAsync(PaymentKeyRecord record);

    /// <summary>The record, or <c>null</c> when none was written.</summary>
    Task<PaymentKeyRecord?> GetAsync();
}
