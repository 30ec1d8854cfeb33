using Grpc.Core;
using VetActors.Interop.Testing;

namespace VetActors.InteropClient;

public sealed partial class InteropTestClient
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoInitialValue = "test_initial_metadata_value";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";
    private const string SpecialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001F608\t\n";
    private static readonly byte[] EchoTrailingValue = [0xab, 0xab, 0xab];

    private async Task CustomMetadataAsync()
    {
        var headers = new Metadata { { EchoInitialKey, EchoInitialValue }, { EchoTrailingKey, EchoTrailingValue } };

        using (var unary = _client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = CreatePayload(271828) }, Options(headers)))
        {
            CheckPayload((await unary.ResponseAsync).Payload, 314159, "unary response");
            CheckEchoedMetadata(await unary.ResponseHeadersAsync, unary.GetTrailers(), "unary");
        }

        using var duplex = _client.FullDuplexCall(Options(headers));
        var request = new StreamingOutputCallRequest { Payload = CreatePayload(271828) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
        await duplex.RequestStream.WriteAsync(request);
        await duplex.RequestStream.CompleteAsync();
        var responseHeaders = await duplex.ResponseHeadersAsync;
        var sizes = await ReadSizesAsync(duplex.ResponseStream);
        Check(sizes.SequenceEqual([314159]), $"duplex response sizes [{string.Join(", ", sizes)}], expected [314159]");
        CheckEchoedMetadata(responseHeaders, duplex.GetTrailers(), "duplex");
    }

    private static void CheckEchoedMetadata(Metadata headers, Metadata trailers, string what)
    {
        var initial = headers.Get(EchoInitialKey);
        Check(initial is { IsBinary: false } && initial.Value == EchoInitialValue,
            $"{what}: initial metadata {EchoInitialKey}={initial?.ToString() ?? "(missing)"}, expected {EchoInitialValue}");
        var trailing = trailers.Get(EchoTrailingKey);
        Check(trailing is { IsBinary: true } && trailing.ValueBytes.AsSpan().SequenceEqual(EchoTrailingValue),
            $"{what}: trailing metadata {EchoTrailingKey}={(trailing is null ? "(missing)" : Convert.ToHexString(trailing.ValueBytes))}, expected ABABAB");
    }

    private async Task StatusCodeAndMessageAsync()
    {
        var status = new EchoStatus { Code = 2, Message = "test status message" };
        await ExpectStatusAsync(async () => await _client.UnaryCallAsync(new SimpleRequest { ResponseStatus = status }, Options()),
            StatusCode.Unknown, status.Message);

        using var duplex = _client.FullDuplexCall(Options());
        await ExpectStatusAsync(async () =>
        {
            // The server may end the call as soon as it reads the request, so even completing the
            // request stream can already report the status.
            await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status });
            await duplex.RequestStream.CompleteAsync();
            await ReadSizesAsync(duplex.ResponseStream);
        }, StatusCode.Unknown, status.Message);
    }

    private async Task SpecialStatusMessageAsync()
    {
        var status = new EchoStatus { Code = 2, Message = SpecialStatusMessage };
        await ExpectStatusAsync(async () => await _client.UnaryCallAsync(new SimpleRequest { ResponseStatus = status }, Options()),
            StatusCode.Unknown, SpecialStatusMessage);
    }
}
