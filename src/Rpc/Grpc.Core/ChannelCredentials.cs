namespace Grpc.Core;

/// <summary>
/// How a channel secures its connection: <see cref="Insecure"/> (h2c) or <see cref="SecureSsl"/> (TLS),
/// optionally composed with <see cref="CallCredentials"/> that every call on the channel carries.
/// </summary>
public abstract class ChannelCredentials
{
    /// <summary>Plaintext HTTP/2 (prior knowledge); call credentials are not sent over it by default.</summary>
    public static ChannelCredentials Insecure { get; } = new TransportCredentials(isSecure: false);

    /// <summary>TLS with the platform's default certificate validation.</summary>
    public static ChannelCredentials SecureSsl { get; } = new TransportCredentials(isSecure: true);

    /// <summary>Channel credentials whose calls also carry <paramref name="callCredentials"/>.</summary>
    public static ChannelCredentials Create(ChannelCredentials channelCredentials, CallCredentials callCredentials)
    {
        ArgumentNullException.ThrowIfNull(channelCredentials);
        ArgumentNullException.ThrowIfNull(callCredentials);
        if (!channelCredentials.IsComposable)
        {
            throw new ArgumentException("Call credentials can only be composed with secure channel credentials.", nameof(channelCredentials));
        }
        var calls = channelCredentials.CallCredentials is { } existing ? CallCredentials.Compose(existing, callCredentials) : callCredentials;
        return new TransportCredentials(channelCredentials.IsSecure, calls);
    }

    /// <summary>True when call credentials may be composed with these channel credentials.</summary>
    public virtual bool IsComposable => IsSecure;

    /// <summary>True for TLS.</summary>
    internal abstract bool IsSecure { get; }

    /// <summary>Credentials every call on the channel carries, if any.</summary>
    internal abstract CallCredentials? CallCredentials { get; }

    private sealed class TransportCredentials(bool isSecure, CallCredentials? callCredentials = null) : ChannelCredentials
    {
        internal override bool IsSecure => isSecure;

        internal override CallCredentials? CallCredentials => callCredentials;
    }
}
