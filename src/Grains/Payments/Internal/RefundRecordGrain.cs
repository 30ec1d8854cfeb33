using VetActors.Actors;

namespace VetActors.Grains.Payments.Internal;

internal sealed class RefundRecordGrain([PersistentState("refund")] IPersistentState<RecordState<RefundView>> record)
    : RecordGrain<RefundView>(record), IRefundRecordGrain;
