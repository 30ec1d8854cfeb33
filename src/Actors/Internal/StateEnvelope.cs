using System.Buffers;
using System.Text.Json;

namespace VetActors.Actors.Internal;

/// <summary>
/// The stored form of a grain state: <c>{"format":1,"type":"PetState","state":{...}}</c> as UTF-8 JSON. The
/// state is plain System.Text.Json, which ignores unknown members and leaves missing ones at their defaults,
/// so adding a field later still reads old rows; the format number lets the envelope itself evolve.
/// </summary>
internal static class StateEnvelope
{
    internal const int CurrentFormat = 1;

    internal static byte[] Write<TState>(TState state)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", CurrentFormat);
            writer.WriteString("type", typeof(TState).Name);
            writer.WritePropertyName("state");
            JsonSerializer.Serialize(writer, state, DeepCopy.SerializerOptions);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static TState Read<TState>(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format)
            || !root.TryGetProperty("state", out var state))
        {
            throw new InvalidDataException($"A stored {typeof(TState).Name} is not in the state envelope format.");
        }

        if (format.GetInt32() > CurrentFormat)
        {
            throw new InvalidDataException(
                $"A stored {typeof(TState).Name} uses envelope format {format.GetInt32()}, newer than this runtime's {CurrentFormat}.");
        }

        return state.Deserialize<TState>(DeepCopy.SerializerOptions) ?? Activator.CreateInstance<TState>();
    }
}
