namespace Grpc.Core;

/// <summary>The response stream of a server-streaming or duplex handler.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
