using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace VetActors.Rpc.Internal.Server.Web;

/// <summary>
/// The response body of a gRPC-Web text call: frames are collected raw and base64-encoded (padded) into the
/// real body at each flush and at the end of the call, so every flushed chunk decodes on its own.
/// </summary>
internal sealed class Base64ResponseWriter(PipeWriter inner) : PipeWriter
{
    private const int ChunkSize = 48 * 1024;

    private readonly ArrayBufferWriter<byte> _pending = new();

    public override void Advance(int bytes) => _pending.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => Commit();

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Commit();
        return inner.FlushAsync(cancellationToken);
    }

    /// <summary>Encodes everything written so far into the real body (without flushing it).</summary>
    public void Commit()
    {
        var remaining = _pending.WrittenSpan;
        while (!remaining.IsEmpty)
        {
            // Whole 3-byte groups until the last chunk, so padding appears only at the end of this commit.
            var take = remaining.Length <= ChunkSize ? remaining.Length : ChunkSize;
            var output = inner.GetSpan(Base64.GetMaxEncodedToUtf8Length(take));
            Base64.EncodeToUtf8(remaining[..take], output, out _, out var written, isFinalBlock: true);
            inner.Advance(written);
            remaining = remaining[take..];
        }
        _pending.ResetWrittenCount();
    }
}
