namespace Grpc.Core;

/// <summary>Writes a stream of messages; one write at a time (awaiting each) gives back-pressure.</summary>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Options for the following writes.</summary>
    WriteOptions? WriteOptions { get; set; }

    Task WriteAsync(T message);

    Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            throw new NotSupportedException($"{GetType().Name} does not support cancelling a write.");
        }
        return WriteAsync(message);
    }
}
