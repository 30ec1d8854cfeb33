using VetActors.Actors;

namespace VetActors.Grains.Payments.Internal;

internal sealed class PaymentRecordGrain([PersistentState("payment")] IPersistentState<RecordState<PaymentRecord>> record)
    : RecordGrain<PaymentRecord>(record), IPaymentRecordGrain
{
    // The refund list is a collection, which record equality compares by reference.
    protected override bool Same(PaymentRecord stored, PaymentRecord value) =>
        stored.Receipt == value.Receipt && stored.RefundIds.SequenceEqual(value.RefundIds);
}
