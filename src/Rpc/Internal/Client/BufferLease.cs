namespace VetActors.Rpc.Internal.Client;

/// <summary>
/// Guards pooled buffers that an in-flight read or write may still touch: disposing while the buffers
/// are in use only marks them, and the user returns them when it is done. Returning an array to the pool
/// while a socket read still fills it would corrupt whoever rents it next.
/// </summary>
internal sealed class BufferLease(Action release)
{
    private readonly Lock _lock = new();
    private bool _inUse;
    private bool _disposed;

    /// <summary>Marks the buffers in use; throws once they are disposed.</summary>
    public void Enter()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _inUse = true;
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            _inUse = false;
            if (!_disposed)
            {
                return;
            }
        }
        release();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            if (_inUse)
            {
                return;
            }
        }
        release();
    }
}
