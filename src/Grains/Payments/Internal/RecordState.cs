namespace VetActors.Grains.Payments.Internal;

/// <summary>The stored document of a payment or refund record grain.</summary>
internal sealed class RecordState<T>
    where T : class
{
    public T? Value { get; set; }
}
