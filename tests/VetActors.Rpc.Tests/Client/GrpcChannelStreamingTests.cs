using Grpc.Core;
using Microsoft.AspNetCore.Http;
using VetActors.Rpc.Client;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Client;

/// <summary>Streaming calls in both directions against scripted wire responses.</summary>
public sealed class GrpcChannelStreamingTests
{
    private static async Task<List<string>> ReadAllAsync(IAsyncStreamReader<EchoReply> reader)
    {
        var texts = new List<string>();
        while (await reader.MoveNext(CancellationToken.None))
        {
            texts.Add(reader.Current.Text);
        }
        return texts;
    }

    [Fact]
    public async Task ServerStreaming_MessagesJoinedAndSplitAcrossFrames_AreReadInOrder()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            var joined = FakeGrpcServer.Frame(new EchoReply { Text = "a" }).Concat(FakeGrpcServer.Frame(new EchoReply { Text = "b" })).Concat(FakeGrpcServer.Frame(new EchoReply { Text = "c" }));
            await FakeGrpcServer.WriteAsync(context, joined.ToArray());
            foreach (var b in FakeGrpcServer.Frame(new EchoReply { Text = "split byte by byte" }))
            {
                await FakeGrpcServer.WriteAsync(context, new[] { b });
            }
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply()));
            FakeGrpcServer.SetTrailers(context, "0", null, ("x-count", "5"));
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        using var call = new EchoService.EchoServiceClient(channel).Expand(new EchoRequest());
        var texts = await ReadAllAsync(call.ResponseStream);

        Assert.Equal(["a", "b", "c", "split byte by byte", ""], texts);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("5", call.GetTrailers().GetValue("x-count"));
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_ThrowsWithTrailers()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = "one" }));
            FakeGrpcServer.SetTrailers(context, "9", "not now", ("x-why-bin", "AQ"));
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        using var call = new EchoService.EchoServiceClient(channel).Expand(new EchoRequest());
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("not now", error.Status.Detail);
        Assert.Equal(new byte[] { 1 }, error.Trailers.GetValueBytes("x-why-bin"));
        Assert.Equal(StatusCode.FailedPrecondition, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_ReadTokenCancelled_CancelsCall()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                aborted.TrySetResult();
            }
        });
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = new EchoService.EchoServiceClient(channel).Expand(new EchoRequest());
        await call.ResponseHeadersAsync;
        using var cts = new CancellationTokenSource();

        var read = call.ResponseStream.MoveNext(cts.Token);
        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => read);
        await aborted.Task;

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_WritesThenHalfCloses_ServerSeesEveryMessageAndEndOfStream()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var texts = new List<string>();
            while (await FakeGrpcServer.ReadMessageAsync(context) is { } payload)
            {
                texts.Add(EchoRequest.Parser.ParseFrom(payload).Text);
            }
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = string.Join(",", texts) }));
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        using var call = new EchoService.EchoServiceClient(channel).Collect();
        foreach (var text in new[] { "x", "", "z" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }
        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal("x,,z", reply.Text);
        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new EchoRequest()));
    }

    [Fact]
    public async Task ClientStreaming_BufferHintWrites_ArriveWithHalfClose()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var messages = await FakeGrpcServer.ReadMessagesAsync(context);
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = string.Join(",", messages.Select(m => EchoRequest.Parser.ParseFrom(m.Payload).Text)) }));
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        using var call = new EchoService.EchoServiceClient(channel).Collect(new CallOptions(writeOptions: new WriteOptions(WriteFlags.BufferHint)));
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "1" });
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "2" });
        await call.RequestStream.CompleteAsync();

        Assert.Equal("1,2", (await call.ResponseAsync).Text);
    }

    [Fact]
    public async Task Duplex_PingPong_EachReplyBeforeNextRequest()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            while (await FakeGrpcServer.ReadMessageAsync(context) is { } payload)
            {
                await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = EchoRequest.Parser.ParseFrom(payload).Text.ToUpperInvariant() }));
            }
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        using var call = new EchoService.EchoServiceClient(channel).Chat();
        var replies = new List<string>();
        foreach (var text in new[] { "ping", "pong", "done" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            replies.Add(call.ResponseStream.Current.Text);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(["PING", "PONG", "DONE"], replies);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_EmptyStreams_EndOk()
    {
        await using var server = await FakeGrpcServer.StartAsync(EchoWire.EchoHandler);
        using var channel = GrpcChannel.ForAddress(server.Address);

        using var call = new EchoService.EchoServiceClient(channel).Chat();
        await call.RequestStream.CompleteAsync();

        Assert.Empty(await ReadAllAsync(call.ResponseStream));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Write_WhileFlowControlHoldsPreviousWrite_SecondWriteThrowsInvalidOperation()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            // Not reading the body: the stream's flow-control window fills and the client's write waits.
            await FakeGrpcServer.StartResponseAsync(context);
            await release.Task.WaitAsync(context.RequestAborted);
            await FakeGrpcServer.ReadMessagesAsync(context);
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = new EchoService.EchoServiceClient(channel).Chat();
        await call.ResponseHeadersAsync;
        var big = new EchoRequest { Text = new string('w', 3 * 1024 * 1024) };

        var first = call.RequestStream.WriteAsync(big);
        var second = call.RequestStream.WriteAsync(new EchoRequest());

        try
        {
            Assert.False(first.IsCompleted);
            await Assert.ThrowsAsync<InvalidOperationException>(() => second);
            await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.CompleteAsync());
        }
        finally
        {
            release.SetResult();
        }
        // A guard, not a timing assertion: a lost window update would otherwise hang the run.
        await first.WaitAsync(TimeSpan.FromSeconds(60));
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Write_AfterServerEndedCallWithError_ThrowsItsStatus()
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            FakeGrpcServer.TrailersOnly(context, "16", "who are you");
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = new EchoService.EchoServiceClient(channel).Collect();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, writeError.StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_CompressedWrites_HonourNoCompressPerMessage()
    {
        List<(bool Compressed, byte[] Payload)>? messages = null;
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            messages = await FakeGrpcServer.ReadMessagesAsync(context);
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply()));
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = new EchoService.EchoServiceClient(channel).Collect(new Metadata { { "grpc-internal-encoding-request", "deflate" } });

        await call.RequestStream.WriteAsync(new EchoRequest { Text = "compressed" });
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "plain" });
        await call.RequestStream.CompleteAsync();
        await call.ResponseAsync;

        Assert.Equal([true, false], messages!.Select(m => m.Compressed));
        using var inflate = new System.IO.Compression.ZLibStream(new MemoryStream(messages![0].Payload), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal("compressed", EchoRequest.Parser.ParseFrom(inflate).Text);
        Assert.Equal("plain", EchoRequest.Parser.ParseFrom(messages[1].Payload).Text);
    }

    private static async Task WarmUpAsync(EchoService.EchoServiceClient client)
    {
        using var call = client.Chat();
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task ManyLongLivedCalls_BeyondServerStreamLimit_OpenMoreConnectionsAndAllComplete()
    {
        const int Calls = 12;
        await using var server = await FakeGrpcServer.StartAsync(
            async context =>
            {
                await FakeGrpcServer.StartResponseAsync(context);
                while (await FakeGrpcServer.ReadMessageAsync(context) is { } payload)
                {
                    await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = EchoRequest.Parser.ParseFrom(payload).Text }));
                }
                FakeGrpcServer.SetTrailers(context, "0");
            },
            options => options.Limits.Http2.MaxStreamsPerConnection = 5);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new EchoService.EchoServiceClient(channel);
        // One call first, so the connection knows the server's stream limit (from its SETTINGS) before the
        // burst: streams opened before that would be refused, and a streaming body cannot be replayed.
        await WarmUpAsync(client);

        // Every call stays open until all of them have answered once: only possible with several connections.
        var calls = Enumerable.Range(0, Calls).Select(_ => client.Chat()).ToList();
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

        Assert.True(server.ConnectionCount >= 3, $"{server.ConnectionCount} connections");
    }
}
