namespace Grpc.Core;

/// <summary>Flags of a call.</summary>
[Flags]
public enum CallFlags
{
    /// <summary>Wait for the channel to be ready instead of failing fast.</summary>
    WaitForReady = 0x20,
}
