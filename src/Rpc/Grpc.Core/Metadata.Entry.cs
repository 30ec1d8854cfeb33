using System.Text;

namespace Grpc.Core;

public sealed partial class Metadata
{
    /// <summary>One metadata entry: a normalized key with an ASCII or a binary value.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        /// <summary>A binary entry; the key must end in <c>-bin</c>.</summary>
        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!HasBinarySuffix(Key))
            {
                throw new ArgumentException($"Key '{Key}' must end in '{BinaryHeaderSuffix}' to carry a binary value.", nameof(key));
            }
            ArgumentNullException.ThrowIfNull(valueBytes);
            _valueBytes = valueBytes;
        }

        /// <summary>An ASCII entry; the key must not end in <c>-bin</c>.</summary>
        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (HasBinarySuffix(Key))
            {
                throw new ArgumentException($"Key '{Key}' ends in '{BinaryHeaderSuffix}' and so needs a binary value.", nameof(key));
            }
            ArgumentNullException.ThrowIfNull(value);
            _value = value;
        }

        /// <summary>Builds an entry from wire data that was already validated, skipping normalization.</summary>
        internal Entry(string normalizedKey, string? value, byte[]? valueBytes)
        {
            Key = normalizedKey;
            _value = value;
            _valueBytes = valueBytes;
        }

        public string Key { get; }

        /// <summary>The value as bytes (a copy): the binary value, or the ASCII value's bytes.</summary>
        public byte[] ValueBytes => _valueBytes is null ? Encoding.ASCII.GetBytes(_value!) : (byte[])_valueBytes.Clone();

        /// <summary>The ASCII value; throws for a binary entry.</summary>
        public string Value => _value ?? throw new InvalidOperationException($"Entry '{Key}' is binary; use ValueBytes.");

        public bool IsBinary => _valueBytes is not null;

        /// <summary>The binary value without copying, for the transport.</summary>
        internal byte[]? RawValueBytes => _valueBytes;

        /// <summary>The ASCII value without a type check, for the transport.</summary>
        internal string? RawValue => _value;

        internal bool KeyEquals(string key) => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => IsBinary
            ? $"[Entry: key={Key}, valueBytes={Convert.ToBase64String(_valueBytes!)}]"
            : $"[Entry: key={Key}, value={_value}]";

        internal static bool HasBinarySuffix(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = IsLowercaseValid(key) ? key : key.ToLowerInvariant();
            if (!IsLowercaseValid(normalized))
            {
                throw new ArgumentException($"Metadata key '{key}' may only contain 0-9, a-z, '_', '-' and '.'.", nameof(key));
            }
            return normalized;
        }

        private static bool IsLowercaseValid(string key)
        {
            foreach (var c in key)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.'))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
