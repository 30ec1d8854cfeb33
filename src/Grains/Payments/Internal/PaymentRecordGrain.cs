using VetActors.Actors;

namespace VetActors.Grains.Payments.Internal;

internal sealed class PaymentRecordGrain([PersistentState("payment")] IPersistentState<RecordState<PaymentRecord>> record) : Grain, IPaymentRecordGrain
{
    public async Task PutAsync(PaymentRecord value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (record.State.Value is { } current && current.Receipt == value.Receipt && current.RefundIds.SequenceEqual(value.RefundIds))
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

    public Task<PaymentRecord?> GetAsync() => Task.FromResult(record.State.Value);
}
