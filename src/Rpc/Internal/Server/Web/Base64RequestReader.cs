using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace VetActors.Rpc.Internal.Server.Web;

/// <summary>
/// The request body of a gRPC-Web text call, base64-decoded. A pump decodes whole 4-character groups as they
/// arrive (a sender may pad and restart base64 mid-stream, e.g. once per message) into a pipe the framing
/// code reads like any request body.
/// </summary>
internal sealed class Base64RequestReader : PipeReader
{
    // Large enough that an incomplete message up to the receive limit never stalls the pump.
    private static readonly PipeOptions DecodedPipeOptions = new(pauseWriterThreshold: 8 * 1024 * 1024, resumeWriterThreshold: 4 * 1024 * 1024, useSynchronizationContext: false);

    private readonly PipeReader _inner;
    private readonly Pipe _decoded = new(DecodedPipeOptions);
    private Task? _pump;

    public Base64RequestReader(PipeReader inner)
    {
        _inner = inner;
    }

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        _pump ??= PumpAsync();
        return _decoded.Reader.ReadAsync(cancellationToken);
    }

    public override bool TryRead(out ReadResult result)
    {
        _pump ??= PumpAsync();
        return _decoded.Reader.TryRead(out result);
    }

    public override void AdvanceTo(SequencePosition consumed) => _decoded.Reader.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => _decoded.Reader.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => _decoded.Reader.CancelPendingRead();

    public override void Complete(Exception? exception = null) => _decoded.Reader.Complete(exception);

    private async Task PumpAsync()
    {
        var writer = _decoded.Writer;
        try
        {
            while (true)
            {
                var result = await _inner.ReadAsync();
                var buffer = result.Buffer;
                var usable = buffer.Length - (buffer.Length % 4);
                if (usable > 0)
                {
                    Decode(buffer.Slice(0, usable), writer);
                }
                _inner.AdvanceTo(buffer.GetPosition(usable), buffer.End);
                if (result.IsCompleted)
                {
                    if (buffer.Length != usable)
                    {
                        throw new InvalidDataException("The gRPC-Web text request body is not whole base64.");
                    }
                    break;
                }
                var flush = await writer.FlushAsync();
                if (flush.IsCompleted)
                {
                    break;
                }
            }
            await writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            await writer.CompleteAsync(ex);
        }
    }

    private static void Decode(ReadOnlySequence<byte> text, PipeWriter writer)
    {
        var input = text.IsSingleSegment ? text.FirstSpan : text.ToArray();
        while (!input.IsEmpty)
        {
            var padding = input.IndexOf((byte)'=');
            var length = padding < 0 ? input.Length : ((padding / 4) + 1) * 4;
            var output = writer.GetSpan(length / 4 * 3);
            if (Base64.DecodeFromUtf8(input[..length], output, out _, out var written) != OperationStatus.Done)
            {
                throw new InvalidDataException("The gRPC-Web text request body is not valid base64.");
            }
            writer.Advance(written);
            input = input[length..];
        }
    }
}
