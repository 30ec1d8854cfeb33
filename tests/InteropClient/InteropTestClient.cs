using Google.Protobuf;
using Grpc.Core;
using VetActors.Interop.Testing;
using VetActors.Rpc.Client;

namespace VetActors.InteropClient;

/// <summary>
/// The interop test cases of doc/interop-test-descriptions.md, run with VetActors.Rpc's client
/// against any server. Each case throws <see cref="InteropCaseFailedException"/> (or the call's
/// <see cref="RpcException"/>) when the server does not behave as specified.
/// </summary>
public sealed partial class InteropTestClient
{
    /// <summary>Every case, in the order of the specification's list.</summary>
    public static readonly IReadOnlyList<string> AllCases =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server", "custom_metadata",
        "status_code_and_message", "special_status_message", "unimplemented_method", "unimplemented_service",
        "client_compressed_unary", "server_compressed_unary", "client_compressed_streaming", "server_compressed_streaming",
    ];

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly int[] RequestSizes = [27182, 8, 1828, 45904];
    private static readonly int[] ResponseSizes = [31415, 9, 2653, 58979];

    private readonly TestService.TestServiceClient _client;
    private readonly UnimplementedService.UnimplementedServiceClient _unimplemented;
    private readonly TimeProvider _time;
    private readonly MessageFlagRecorder? _recorder;

    /// <param name="invoker">The channel's call invoker.</param>
    /// <param name="time">The clock deadlines are computed from.</param>
    /// <param name="recorder">The channel's <see cref="MessageFlagRecorder"/>, if it has one: the
    /// server-compression cases then also check each response message's compressed flag.</param>
    public InteropTestClient(CallInvoker invoker, TimeProvider time, MessageFlagRecorder? recorder = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _client = new TestService.TestServiceClient(invoker);
        _unimplemented = new UnimplementedService.UnimplementedServiceClient(invoker);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _recorder = recorder;
    }

    /// <summary>
    /// Opens an h2c channel to <paramref name="host"/>:<paramref name="port"/> whose handler records response
    /// compression flags, and a client on it. The caller disposes the channel.
    /// </summary>
    public static (GrpcChannel Channel, InteropTestClient Client) Connect(string host, int port, TimeProvider time)
    {
        var recorder = new MessageFlagRecorder(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        var channel = GrpcChannel.ForAddress($"http://{host}:{port}", new GrpcChannelOptions { HttpHandler = recorder });
        return (channel, new InteropTestClient(channel.CreateCallInvoker(), time, recorder));
    }

    /// <summary>Runs one case by its specification name.</summary>
    public Task RunAsync(string testCase) => testCase switch
    {
        "empty_unary" => EmptyUnaryAsync(),
        "large_unary" => LargeUnaryAsync(),
        "client_streaming" => ClientStreamingAsync(),
        "server_streaming" => ServerStreamingAsync(),
        "ping_pong" => PingPongAsync(),
        "empty_stream" => EmptyStreamAsync(),
        "cancel_after_begin" => CancelAfterBeginAsync(),
        "cancel_after_first_response" => CancelAfterFirstResponseAsync(),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServerAsync(),
        "custom_metadata" => CustomMetadataAsync(),
        "status_code_and_message" => StatusCodeAndMessageAsync(),
        "special_status_message" => SpecialStatusMessageAsync(),
        "unimplemented_method" => UnimplementedMethodAsync(),
        "unimplemented_service" => UnimplementedServiceAsync(),
        "client_compressed_unary" => ClientCompressedUnaryAsync(),
        "server_compressed_unary" => ServerCompressedUnaryAsync(),
        "client_compressed_streaming" => ClientCompressedStreamingAsync(),
        "server_compressed_streaming" => ServerCompressedStreamingAsync(),
        _ => throw new ArgumentException($"Unknown test case '{testCase}'.", nameof(testCase)),
    };

    private DateTime Deadline() => _time.GetUtcNow().UtcDateTime + CallTimeout;

    private CallOptions Options(Metadata? headers = null, CancellationToken cancellationToken = default) =>
        new(headers: headers, deadline: Deadline(), cancellationToken: cancellationToken);

    private async Task EmptyUnaryAsync()
    {
        var response = await _client.EmptyCallAsync(new Empty(), Options());
        Check(response.CalculateSize() == 0, "EmptyCall returned a non-empty message");
    }

    private async Task LargeUnaryAsync()
    {
        var response = await _client.UnaryCallAsync(
            new SimpleRequest { ResponseSize = 314159, Payload = CreatePayload(271828) }, Options());
        CheckPayload(response.Payload, 314159, "response");
    }

    private async Task UnimplementedMethodAsync() =>
        await ExpectStatusAsync(async () => await _client.UnimplementedCallAsync(new Empty(), Options()), StatusCode.Unimplemented);

    private async Task UnimplementedServiceAsync() =>
        await ExpectStatusAsync(async () => await _unimplemented.UnimplementedCallAsync(new Empty(), Options()), StatusCode.Unimplemented);

    private static Payload CreatePayload(int size) => new() { Body = UnsafeByteOperations.UnsafeWrap(new byte[size]) };

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InteropCaseFailedException(message);
        }
    }

    private static void CheckPayload(Payload? payload, int size, string what)
    {
        var body = payload?.Body ?? ByteString.Empty;
        Check(body.Length == size, $"{what}: expected {size} payload bytes, got {body.Length}");
        Check(!body.Span.ContainsAnyExcept((byte)0), $"{what}: payload is not zero-filled");
    }

    private static async Task<RpcException> ExpectStatusAsync(Func<Task> call, StatusCode code, string? detail = null)
    {
        try
        {
            await call();
        }
        catch (RpcException e)
        {
            Check(e.StatusCode == code, $"expected {code}, got {e.StatusCode}: \"{e.Status.Detail}\"");
            if (detail is not null)
            {
                Check(e.Status.Detail == detail, $"expected message \"{detail}\", got \"{e.Status.Detail}\"");
            }
            return e;
        }
        throw new InteropCaseFailedException($"expected {code}, but the call succeeded");
    }
}
