namespace Grpc.Core;

/// <summary>How many messages each side of a method sends.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>A request stream, one response.</summary>
    ClientStreaming,

    /// <summary>One request, a response stream.</summary>
    ServerStreaming,

    /// <summary>Both sides stream.</summary>
    DuplexStreaming,
}
