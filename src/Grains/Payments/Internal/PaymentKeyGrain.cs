using VetActors.Actors;

namespace VetActors.Grains.Payments.Internal;

internal sealed class PaymentKeyGrain([PersistentState("key")] IPersistentState<RecordState<PaymentKeyRecord>> record) : Grain, IPaymentKeyGrain
{
    public async Task PutAsync(PaymentKeyRecord value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value == record.State.Value)
        {
            return;
        }

        var before = record.State.Value;
        record.State.Value = value;
        try
        {
            await record.WriteStateAsync();
        }
        catch
        {
            record.State.Value = before;
            throw;
        }
    }

    public Task<PaymentKeyRecord?> GetAsync() => Task.FromResult(record.State.Value);
}
