using System.Text.Json;

namespace VetActors.Actors.Internal;

/// <summary>
/// Copies call arguments and results so a caller and a callee never share a mutable object. The copy is a
/// System.Text.Json round trip: it doubles as the proof that the value could cross a process boundary,
/// which the cluster step relies on.
/// </summary>
internal static class DeepCopy
{
    // Fields included: tuples and simple structs carry their data in fields. Out-of-order metadata allowed:
    // PostgreSQL's jsonb does not keep key order, so a polymorphic "$type" may come back after other keys.
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
        AllowOutOfOrderMetadataProperties = true,
    };

    internal static object CopyObject(object value)
    {
        var type = value.GetType();
        return ImmutableTypes.IsImmutable(type) ? value : RoundTrip(value, type);
    }

    internal static object RoundTrip(object value, Type type)
    {
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type, SerializerOptions);
            return JsonSerializer.Deserialize(bytes, type, SerializerOptions)
                ?? throw new InvalidOperationException($"A value of type {type} copied to null.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new NotSupportedException(
                $"A grain call argument or result of type {type} cannot be copied: it must round-trip through System.Text.Json, or be marked [Immutable] if it is never mutated.",
                e);
        }
    }
}
