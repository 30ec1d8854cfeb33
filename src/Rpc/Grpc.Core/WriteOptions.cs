namespace Grpc.Core;

/// <summary>Options for writing messages to a stream.</summary>
public class WriteOptions
{
    /// <summary>No flags.</summary>
    public static readonly WriteOptions Default = new();

    public WriteOptions(WriteFlags flags = default)
    {
        Flags = flags;
    }

    public WriteFlags Flags { get; }
}
