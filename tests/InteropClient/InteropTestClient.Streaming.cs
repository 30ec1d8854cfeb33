using Grpc.Core;
using VetActors.Interop.Testing;

namespace VetActors.InteropClient;

public sealed partial class InteropTestClient
{
    private async Task ClientStreamingAsync()
    {
        using var call = _client.StreamingInputCall(Options());
        foreach (var size in RequestSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = CreatePayload(size) });
        }
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Check(response.AggregatedPayloadSize == 74922, $"aggregated_payload_size {response.AggregatedPayloadSize}, expected 74922");
    }

    private async Task ServerStreamingAsync()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(ResponseSizes.Select(size => new ResponseParameters { Size = size }));
        using var call = _client.StreamingOutputCall(request, Options());
        var sizes = await ReadSizesAsync(call.ResponseStream);
        Check(sizes.SequenceEqual(ResponseSizes), $"response sizes [{string.Join(", ", sizes)}], expected [{string.Join(", ", ResponseSizes)}]");
    }

    private async Task PingPongAsync()
    {
        using var call = _client.FullDuplexCall(Options());
        for (var i = 0; i < RequestSizes.Length; i++)
        {
            var request = new StreamingOutputCallRequest { Payload = CreatePayload(RequestSizes[i]) };
            request.ResponseParameters.Add(new ResponseParameters { Size = ResponseSizes[i] });
            await call.RequestStream.WriteAsync(request);
            Check(await call.ResponseStream.MoveNext(CancellationToken.None), $"the stream ended before response {i + 1}");
            CheckPayload(call.ResponseStream.Current.Payload, ResponseSizes[i], $"response {i + 1}");
        }
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(CancellationToken.None), "a response after the last request");
    }

    private async Task EmptyStreamAsync()
    {
        using var call = _client.FullDuplexCall(Options());
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(CancellationToken.None), "a response to an empty stream");
    }

    private async Task CancelAfterBeginAsync()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = _client.StreamingInputCall(Options(cancellationToken: cancellation.Token));
        await cancellation.CancelAsync();
        await ExpectStatusAsync(async () => await call.ResponseAsync, StatusCode.Cancelled);
    }

    private async Task CancelAfterFirstResponseAsync()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = _client.FullDuplexCall(Options(cancellationToken: cancellation.Token));
        var request = new StreamingOutputCallRequest { Payload = CreatePayload(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(request);
        Check(await call.ResponseStream.MoveNext(CancellationToken.None), "no first response");
        CheckPayload(call.ResponseStream.Current.Payload, 31415, "first response");
        await cancellation.CancelAsync();
        await ExpectStatusAsync(async () => await call.ResponseStream.MoveNext(CancellationToken.None), StatusCode.Cancelled);
    }

    private async Task TimeoutOnSleepingServerAsync()
    {
        var deadline = _time.GetUtcNow().UtcDateTime.AddMilliseconds(1);
        using var call = _client.FullDuplexCall(new CallOptions(deadline: deadline));
        await ExpectStatusAsync(async () =>
        {
            // The write may already fail with the expired deadline; either way the status must say so.
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = CreatePayload(27182) });
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }, StatusCode.DeadlineExceeded);
    }

    private static async Task<List<int>> ReadSizesAsync(IAsyncStreamReader<StreamingOutputCallResponse> responses)
    {
        var sizes = new List<int>();
        while (await responses.MoveNext(CancellationToken.None))
        {
            sizes.Add(responses.Current.Payload?.Body.Length ?? 0);
        }
        return sizes;
    }
}
