using VetActors.Actors;

namespace VetActors.Grains.Payments;

/// <summary>
/// One refund's latest state (key <c>clinic-42/payments/refund-RF-000001</c>), written by the payment account before
/// its own state; while a refund waits for approval the account's state is authoritative.
/// </summary>
[GrainType("payment-refund-record")]
public interface IRefundRecordGrain : IGrainWithStringKey
{
    /// <summary>Replaces the record.</summary>
    Task PutAsync(RefundView refund);

    /// <summary>The refund, or <c>null</c> when none was written.</summary>
    Task<RefundView?> GetAsync();
}
