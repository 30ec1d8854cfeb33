namespace Grpc.Core;

/// <summary>The request stream of a client-streaming or duplex call.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the call: no more requests follow.</summary>
    Task CompleteAsync();
}
