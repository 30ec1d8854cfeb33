using VetActors.Actors;

namespace VetActors.Grains.Payments.Internal;

/// <summary>
/// A grain holding one record of the ledger beside the account (a payment, a refund, an idempotency key): the account
/// writes it before the state that counts it, so a retried write after a crash must be a no-op when nothing changed.
/// </summary>
internal abstract class RecordGrain<T>(IPersistentState<RecordState<T>> record) : Grain
    where T : class
{
    public async Task PutAsync(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (record.State.Value is { } current && Same(current, value))
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

    public Task<T?> GetAsync() => Task.FromResult(record.State.Value);

    protected virtual bool Same(T stored, T value) => stored.Equals(value);
}
