using Grpc.Core;
using VetActors.Interop.Testing;

namespace VetActors.InteropClient;

public sealed partial class InteropTestClient
{
    // As in grpc-dotnet: this call header asks the channel to compress the call's request messages.
    private const string RequestCompressionHeader = "grpc-internal-encoding-request";

    private static Metadata Gzip() => new() { { RequestCompressionHeader, "gzip" } };

    private static SimpleRequest CompressionRequest(bool expectCompressed) => new()
    {
        ResponseSize = 314159,
        Payload = CreatePayload(271828),
        ExpectCompressed = new BoolValue { Value = expectCompressed },
    };

    private async Task ClientCompressedUnaryAsync()
    {
        // Probe: an uncompressed message that claims to be compressed must be refused.
        await ExpectStatusAsync(async () => await _client.UnaryCallAsync(CompressionRequest(true), Options()), StatusCode.InvalidArgument);
        CheckPayload((await _client.UnaryCallAsync(CompressionRequest(true), Options(Gzip()))).Payload, 314159, "compressed request's response");
        CheckPayload((await _client.UnaryCallAsync(CompressionRequest(false), Options())).Payload, 314159, "uncompressed request's response");
    }

    private async Task ServerCompressedUnaryAsync()
    {
        foreach (var compressed in new[] { true, false })
        {
            var request = new SimpleRequest
            {
                ResponseSize = 314159,
                Payload = CreatePayload(271828),
                ResponseCompressed = new BoolValue { Value = compressed },
            };
            _recorder?.Clear();
            CheckPayload((await _client.UnaryCallAsync(request, Options())).Payload, 314159, $"response (compressed={compressed})");
            CheckCompressedFlags([compressed]);
        }
    }

    private async Task ClientCompressedStreamingAsync()
    {
        using (var probe = _client.StreamingInputCall(Options()))
        {
            await ExpectStatusAsync(async () =>
            {
                await probe.RequestStream.WriteAsync(new StreamingInputCallRequest
                {
                    Payload = CreatePayload(27182),
                    ExpectCompressed = new BoolValue { Value = true },
                });
                await probe.RequestStream.CompleteAsync();
                await probe.ResponseAsync;
            }, StatusCode.InvalidArgument);
        }

        using var call = _client.StreamingInputCall(Options(Gzip()));
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = CreatePayload(27182), ExpectCompressed = new BoolValue { Value = true } });
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = CreatePayload(45904), ExpectCompressed = new BoolValue { Value = false } });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Check(response.AggregatedPayloadSize == 73086, $"aggregated_payload_size {response.AggregatedPayloadSize}, expected 73086");
    }

    private async Task ServerCompressedStreamingAsync()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415, Compressed = new BoolValue { Value = true } });
        request.ResponseParameters.Add(new ResponseParameters { Size = 92653, Compressed = new BoolValue { Value = false } });
        _recorder?.Clear();
        using var call = _client.StreamingOutputCall(request, Options());
        var sizes = await ReadSizesAsync(call.ResponseStream);
        Check(sizes.SequenceEqual([31415, 92653]), $"response sizes [{string.Join(", ", sizes)}], expected [31415, 92653]");
        CheckCompressedFlags([true, false]);
    }

    private void CheckCompressedFlags(bool[] expected)
    {
        if (_recorder is null)
        {
            return;
        }
        var flags = _recorder.CompressedFlags;
        Check(flags.SequenceEqual(expected),
            $"response messages' compressed flags [{string.Join(", ", flags)}], expected [{string.Join(", ", expected)}]");
    }
}
