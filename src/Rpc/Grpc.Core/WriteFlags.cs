namespace Grpc.Core;

/// <summary>Per-message write hints.</summary>
[Flags]
public enum WriteFlags
{
    /// <summary>The message may be buffered rather than sent at once.</summary>
    BufferHint = 0x1,

    /// <summary>Send this message uncompressed even when the call compresses.</summary>
    NoCompress = 0x2,
}
