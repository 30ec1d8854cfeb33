using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VetActors.Rpc.Client;
using VetActors.Rpc.Tests.Echo;

namespace VetActors.Rpc.Tests.Client;

/// <summary>The channel against the project's own Kestrel server, including calls made from inside a handler.</summary>
public sealed class OwnServerTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;
    private readonly ForwardingProbe _probe = new();

    private EchoService.EchoServiceClient Client => new(_channel);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_probe);
        _app = builder.Build();
        _app.MapGrpcService<ForwardingEchoService>();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _channel = GrpcChannel.ForAddress(address);
        _probe.Channel = _channel;
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task EveryCallKind_RoundTrips()
    {
        var unary = await Client.EchoAsync(new EchoRequest { Text = "u" });

        using var expand = Client.Expand(new EchoRequest { Text = "s", Repeat = 3 });
        var streamed = new List<string>();
        while (await expand.ResponseStream.MoveNext(CancellationToken.None))
        {
            streamed.Add(expand.ResponseStream.Current.Text);
        }

        using var collect = Client.Collect();
        await collect.RequestStream.WriteAsync(new EchoRequest { Text = "a" });
        await collect.RequestStream.WriteAsync(new EchoRequest { Text = "b" });
        await collect.RequestStream.CompleteAsync();

        using var chat = Client.Chat();
        await chat.RequestStream.WriteAsync(new EchoRequest { Text = "ping" });
        Assert.True(await chat.ResponseStream.MoveNext(CancellationToken.None));
        var pong = chat.ResponseStream.Current.Text;
        await chat.RequestStream.CompleteAsync();
        Assert.False(await chat.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal("u", unary.Text);
        Assert.Equal(["0:s", "1:s", "2:s"], streamed);
        Assert.Equal("a,b", (await collect.ResponseAsync).Text);
        Assert.Equal("ping", pong);
    }

    [Fact]
    public async Task Metadata_AndStatusWithSpecialCharacters_RoundTrip()
    {
        const string message = "\t☺ 😈 100% \r\n";
        var headers = new Metadata { { "x-status-message-bin", System.Text.Encoding.UTF8.GetBytes(message) }, { "x-echo-bin", new byte[] { 0, 255 } } };

        using var call = Client.EchoAsync(new EchoRequest { Text = "fail" }, headers);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(new Status(StatusCode.Aborted, message), error.Status);
        Assert.Equal(new byte[] { 0, 255 }, error.Trailers.GetValueBytes("x-echo-bin"));
    }

    [Fact]
    public async Task Compression_BothWays_RoundTrips()
    {
        var text = new string('c', 50_000);
        var headers = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        var reply = await Client.EchoAsync(new EchoRequest { Text = "compress:" + text }, headers);

        Assert.Equal(text, reply.Text);
    }

    [Fact]
    public async Task MoreConcurrentStreamsThanKestrelLimit_AllComplete()
    {
        // Kestrel allows 100 concurrent streams per connection; these 150 stay open together.
        await Client.EchoAsync(new EchoRequest());
        var calls = Enumerable.Range(0, 150).Select(_ => Client.Chat()).ToList();

        await Task.WhenAll(calls.Select(async (call, i) =>
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"{i}" });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal($"{i}", call.ResponseStream.Current.Text);
        }));
        await Task.WhenAll(calls.Select(async call =>
        {
            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
            call.Dispose();
        }));
    }

    [Fact]
    public async Task HandlerCallWithPropagationToken_InheritsDeadlineAndCancellation()
    {
        using var cts = new CancellationTokenSource();
        var deadline = DateTime.UtcNow.AddMinutes(10);

        using var call = Client.EchoAsync(new EchoRequest { Text = "forward" }, deadline: deadline, cancellationToken: cts.Token);
        var childDeadline = await _probe.ChildDeadline.Task;
        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        await _probe.ChildCancelled.Task;

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.InRange(childDeadline, deadline.AddMinutes(-1), deadline.AddSeconds(1));
    }

    /// <summary>Lets the test see what the child call observed.</summary>
    public sealed class ForwardingProbe
    {
        public GrpcChannel Channel { get; set; } = null!;

        public TaskCompletionSource<DateTime> ChildDeadline { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ChildCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Echoes; "forward" calls "child" on the same server with the handler's propagation token.</summary>
    public sealed class ForwardingEchoService(ForwardingProbe probe) : EchoService.EchoServiceBase
    {
        public override async Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
        {
            switch (request.Text)
            {
                case "forward":
                    var child = new EchoService.EchoServiceClient(probe.Channel);
                    return await child.EchoAsync(new EchoRequest { Text = "child" }, new CallOptions(propagationToken: context.CreatePropagationToken()));
                case "child":
                    probe.ChildDeadline.TrySetResult(context.Deadline);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, context.CancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        probe.ChildCancelled.TrySetResult();
                    }
                    return new EchoReply();
                case "fail":
                    foreach (var entry in context.RequestHeaders.Where(e => e.Key == "x-echo-bin"))
                    {
                        context.ResponseTrailers.Add(entry);
                    }
                    var message = context.RequestHeaders.GetValueBytes("x-status-message-bin") ?? [];
                    throw new RpcException(new Status(StatusCode.Aborted, System.Text.Encoding.UTF8.GetString(message)));
                case var text when text.StartsWith("compress:", StringComparison.Ordinal):
                    await context.WriteResponseHeadersAsync(new Metadata { { "grpc-internal-encoding-request", "gzip" } });
                    return new EchoReply { Text = text["compress:".Length..] };
                default:
                    return new EchoReply { Text = request.Text };
            }
        }

        public override async Task Expand(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
        {
            for (var i = 0; i < request.Repeat; i++)
            {
                await responseStream.WriteAsync(new EchoReply { Text = $"{i}:{request.Text}" });
            }
        }

        public override async Task<EchoReply> Collect(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
        {
            var texts = new List<string>();
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                texts.Add(requestStream.Current.Text);
            }
            return new EchoReply { Text = string.Join(",", texts) };
        }

        public override async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                await responseStream.WriteAsync(new EchoReply { Text = requestStream.Current.Text });
            }
        }
    }
}
