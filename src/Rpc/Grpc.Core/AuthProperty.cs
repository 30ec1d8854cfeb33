using System.Text;

namespace Grpc.Core;

/// <summary>One property of an authenticated peer (e.g. <c>x509_common_name</c>).</summary>
public sealed class AuthProperty
{
    private readonly byte[] _valueBytes;

    private AuthProperty(string name, byte[] valueBytes)
    {
        Name = name;
        _valueBytes = valueBytes;
    }

    public string Name { get; }

    /// <summary>The value decoded as UTF-8.</summary>
    public string Value => Encoding.UTF8.GetString(_valueBytes);

    /// <summary>The raw value (a copy).</summary>
    public byte[] ValueBytes => (byte[])_valueBytes.Clone();

    public static AuthProperty Create(string name, byte[] valueBytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(valueBytes);
        return new AuthProperty(name, (byte[])valueBytes.Clone());
    }

    internal static AuthProperty FromString(string name, string value) => new(name, Encoding.UTF8.GetBytes(value));
}
