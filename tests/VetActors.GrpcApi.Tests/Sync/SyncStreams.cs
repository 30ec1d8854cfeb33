using Grpc.Core;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>An agent's side of the stream for calling the service directly: the messages it will send, in order.</summary>
internal sealed class ScriptedStreamReader<T>(IEnumerable<T> messages) : IAsyncStreamReader<T>
    where T : class
{
    private readonly IEnumerator<T> _messages = messages.GetEnumerator();

    public T Current => _messages.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(_messages.MoveNext());
}

/// <summary>Keeps what the service writes to the agent.</summary>
internal sealed class RecordingStreamWriter<T> : IServerStreamWriter<T>
{
    public List<T> Written { get; } = [];

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message)
    {
        Written.Add(message);
        return Task.CompletedTask;
    }
}
