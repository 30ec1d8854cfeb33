namespace Grpc.Core;

/// <summary>Thrown when a call ends with a status other than OK; thrown by a handler to end its call with a status.</summary>
public class RpcException : Exception
{
    public RpcException(Status status) : this(status, Metadata.Empty, status.ToString())
    {
    }

    public RpcException(Status status, string message) : this(status, Metadata.Empty, message)
    {
    }

    public RpcException(Status status, Metadata trailers) : this(status, trailers, status.ToString())
    {
    }

    public RpcException(Status status, Metadata trailers, string message) : base(message, status.DebugException)
    {
        Status = status;
        Trailers = trailers ?? throw new ArgumentNullException(nameof(trailers));
    }

    /// <summary>The status the call ended with.</summary>
    public Status Status { get; }

    /// <summary>Shorthand for <c>Status.StatusCode</c>.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>The trailing metadata the call ended with (sent by a server handler that throws this).</summary>
    public Metadata Trailers { get; }
}
