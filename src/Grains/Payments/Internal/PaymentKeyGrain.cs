using VetActors.Actors;

namespace VetActors.Grains.Payments.Internal;

internal sealed class PaymentKeyGrain([PersistentState("key")] IPersistentState<RecordState<PaymentKeyRecord>> record)
    : RecordGrain<PaymentKeyRecord>(record), IPaymentKeyGrain;
