using VetActors.Actors;

namespace VetActors.Grains.Payments.Internal;

internal sealed class RefundRecordGrain([PersistentState("refund")] IPersistentState<RecordState<RefundView>> record) : Grain, IRefundRecordGrain
{
    public async Task PutAsync(RefundView value)
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

    public Task<RefundView?> GetAsync() => Task.FromResult(record.State.Value);
}
