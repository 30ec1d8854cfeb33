namespace VetActors.Rpc.Internal.Client;

/// <summary>
/// Guards pooled buffers that an in-flight read or write may still touch: disposing while the buffers
/// are in use only marks them, and the user returns them when it is done. Returning an array to the pool
/// while a socket read still fills it would corrupt whoever rents it next. The state is one int field in
/// the owner, so the guard costs no allocation.
/// </summary>
internal static class BufferLease
{
    private const int InUse = 1;
    private const int Disposed = 2;

    /// <summary>Marks the buffers in use; throws once they are disposed.</summary>
    public static void Enter(ref int state, object owner)
    {
        while (true)
        {
            var current = Volatile.Read(ref state);
            ObjectDisposedException.ThrowIf((current & Disposed) != 0, owner);
            if (Interlocked.CompareExchange(ref state, current | InUse, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>Ends the use; true when the buffers were disposed meanwhile and the caller must release them.</summary>
    public static bool Exit(ref int state) => (Interlocked.And(ref state, ~InUse) & Disposed) != 0;

    /// <summary>Marks the buffers disposed; true when nothing uses them and the caller must release them now.</summary>
    public static bool Dispose(ref int state) => Interlocked.Or(ref state, Disposed) == 0;
}
