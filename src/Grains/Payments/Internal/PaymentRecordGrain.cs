using VetActors.Actors;

namespace VetActors.Grains.Payments.Internal;

internal sealed class PaymentRecordGrain([PersistentState("payment")] IPersistentState<RecordState<PaymentRecord>> record) : Grain, IPaymentRecordGrain
{
    public async Task PutAsync(PaymentRecord value)
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

    public Task SetRefundedAsync(long refundedMinorUnits) =>
        record.State.Value is { } current
            ? PutAsync(current with { RefundedMinorUnits = refundedMinorUnits })
            : throw new InvalidOperationException($"Payment record {this.GetPrimaryKeyString()} was never written.");

    public Task<PaymentRecord?> GetAsync() => Task.FromResult(record.State.Value);
}
