using VetActors.Actors;

namespace VetActors.Grains.Payments;

/// <summary>
/// One payment's record (key <c>clinic-42/payments/payment-PAY-000001</c>), written by the payment account before its
/// own state; the account's payment count says which records are real.
/// </summary>
[GrainType("payment-record")]
public interface IPaymentRecordGrain : IGrainWithStringKey
{
    /// <summary>Replaces the record.</summary>
    Task PutAsync(PaymentRecord record);

    /// <summary>The record, or <c>null</c> when none was written.</summary>
    Task<PaymentRecord?> GetAsync();
}
