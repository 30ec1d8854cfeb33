using Google.Protobuf;
using Grpc.Core;
using VetActors.Rpc;
using VetActors.Interop.Testing;

namespace VetActors.InteropServer;

/// <summary>
/// <c>grpc.testing.TestService</c> as doc/interop-test-descriptions.md specifies it: zero-filled
/// payloads of the requested sizes, Echo Status, Echo Metadata, compressed request checks,
/// per-message response compression and <c>interval_us</c> pauses. <c>UnimplementedCall</c> is left
/// to the generated base class, which answers UNIMPLEMENTED.
/// </summary>
internal sealed class InteropTestService(TimeProvider time) : TestService.TestServiceBase
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    private const int MaxSharedZeros = 1024 * 1024;

    private static readonly Task<Empty> EmptyResponse = Task.FromResult(new Empty());

    private static byte[] _sharedZeros = [];

    // The specification echoes metadata on UnaryCall and FullDuplexCall only; EmptyCall stays the
    // cheapest possible call, which the load benchmark relies on.
    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => EmptyResponse;

    public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        // Without initial metadata to echo nothing is awaited, so the reply needs no async state machine.
        var echoed = EchoMetadataAsync(context);
        if (!echoed.IsCompletedSuccessfully)
        {
            return UnaryCallAfterEchoAsync(echoed, request, context);
        }
        try
        {
            return Task.FromResult(CreateUnaryResponse(request, context));
        }
        catch (RpcException ex)
        {
            return Task.FromException<SimpleResponse>(ex);
        }
    }

    private static async Task<SimpleResponse> UnaryCallAfterEchoAsync(Task echoed, SimpleRequest request, ServerCallContext context)
    {
        await echoed;
        return CreateUnaryResponse(request, context);
    }

    private static SimpleResponse CreateUnaryResponse(SimpleRequest request, ServerCallContext context)
    {
        EnsureCompressedIfExpected(request.ExpectCompressed, context);
        ThrowIfEchoStatus(request.ResponseStatus);
        var compress = request.ResponseCompressed?.Value ?? false;
        if (compress)
        {
            CallCompression.RequestGzipResponses(context);
        }
        CallCompression.CompressNextMessage(context, compress);
        return new SimpleResponse { Payload = CreatePayload(request.ResponseSize) };
    }

    public override Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) =>
        UnaryCall(request, context);

    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        ThrowIfEchoStatus(request.ResponseStatus);
        await WriteResponsesAsync(request, responseStream, context);
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var total = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            EnsureCompressedIfExpected(request.ExpectCompressed, context);
            total += request.Payload?.Body.Length ?? 0;
        }
        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            ThrowIfEchoStatus(request.ResponseStatus);
            await WriteResponsesAsync(request, responseStream, context);
        }
    }

    public override async Task HalfDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var requests = new List<StreamingOutputCallRequest>();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            requests.Add(requestStream.Current);
        }
        foreach (var request in requests)
        {
            ThrowIfEchoStatus(request.ResponseStatus);
            await WriteResponsesAsync(request, responseStream, context);
        }
    }

    private async Task WriteResponsesAsync(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        if (request.ResponseParameters.Any(p => p.Compressed?.Value == true))
        {
            CallCompression.RequestGzipResponses(context);
        }
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), time, context.CancellationToken);
            }
            CallCompression.CompressNextMessage(context, parameters.Compressed?.Value ?? false);
            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = CreatePayload(parameters.Size) });
        }
    }

    private static Payload CreatePayload(int size)
    {
        if (size < 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Payload size {size} is negative."));
        }
        return new Payload { Type = PayloadType.Compressable, Body = Zeros(size) };
    }

    /// <summary>
    /// <paramref name="size"/> zero bytes. A ByteString is immutable and serializing one only reads it, so
    /// payloads up to 1 MiB share one zero-filled buffer instead of allocating their own per call.
    /// </summary>
    private static ByteString Zeros(int size)
    {
        if (size == 0)
        {
            return ByteString.Empty;
        }
        if (size > MaxSharedZeros)
        {
            return UnsafeByteOperations.UnsafeWrap(new byte[size]);
        }
        var zeros = _sharedZeros;
        if (zeros.Length < size)
        {
            // Racing calls may each install a buffer; any of them holds only zeros.
            zeros = new byte[size];
            _sharedZeros = zeros;
        }
        return UnsafeByteOperations.UnsafeWrap(zeros.AsMemory(0, size));
    }

    private static Task EchoMetadataAsync(ServerCallContext context)
    {
        // Most calls carry neither header: the transport's own headers are checked before building the
        // call's Metadata for them.
        var headers = context.GetHttpContext().Request.Headers;
        return headers.ContainsKey(EchoInitialKey) || headers.ContainsKey(EchoTrailingKey) ? EchoPresentMetadataAsync(context) : Task.CompletedTask;
    }

    private static async Task EchoPresentMetadataAsync(ServerCallContext context)
    {
        var initial = context.RequestHeaders.Get(EchoInitialKey);
        if (initial is not null)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { EchoInitialKey, initial.Value } });
        }
        var trailing = context.RequestHeaders.Get(EchoTrailingKey);
        if (trailing is not null)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing.ValueBytes);
        }
    }

    private static void EnsureCompressedIfExpected(BoolValue? expectCompressed, ServerCallContext context)
    {
        // The spec's probe: a client that claims compression but sent plain bytes is refused.
        if (expectCompressed?.Value == true && !CallCompression.RequestIsCompressed(context))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Expected a compressed request message."));
        }
    }

    private static void ThrowIfEchoStatus(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }
}
