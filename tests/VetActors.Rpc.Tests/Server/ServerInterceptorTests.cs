using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Server.Infrastructure;

namespace VetActors.Rpc.Tests.Server;

/// <summary>Server interceptors: global then per-service, in order, for unary and streaming calls.</summary>
public sealed class ServerInterceptorTests
{
    public sealed class RecordingInterceptor(EchoProbe probe, string name) : Interceptor, IDisposable
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            probe.Log.Add($"{name} before");
            var response = await continuation(request, context);
            probe.Log.Add($"{name} after");
            return response;
        }

        public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            probe.Log.Add($"{name} stream");
            return continuation(request, responseStream, context);
        }

        public void Dispose() => probe.Log.Add($"{name} disposed");
    }

    public sealed class RejectingInterceptor : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
            context.RequestHeaders.GetValue("authorization") == "Bearer ok"
                ? continuation(request, context)
                : throw new RpcException(new Status(StatusCode.Unauthenticated, "missing credentials"));
    }

    [Fact]
    public async Task GlobalThenServiceInterceptors_RunInOrderAroundTheHandler()
    {
        await using var server = await TestGrpcServer.StartAsync(
            options => options.Interceptors.Add<RecordingInterceptor>("global"),
            (_, grpc) => grpc.AddServiceOptions<EchoTestService>(options => options.Interceptors.Add<RecordingInterceptor>("service")));

        var response = await server.CallAsync("/vetactors.rpc.tests.EchoService/Echo", GrpcWire.Frame(new EchoRequest { Text = "hi" }));

        Assert.Equal("hi", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
        Assert.Equal(["global before", "service before", "service after", "global after", "global disposed", "service disposed"], server.Probe.Log);
    }

    [Fact]
    public async Task Interceptor_OnServerStreaming_SeesTheCall()
    {
        await using var server = await TestGrpcServer.StartAsync(options => options.Interceptors.Add<RecordingInterceptor>("global"));

        var response = await server.CallAsync("/vetactors.rpc.tests.EchoService/Expand", GrpcWire.Frame(new EchoRequest { Text = "s", Repeat = 2 }));

        Assert.Equal(2, response.Frames.Count);
        Assert.Equal(["global stream", "global disposed"], server.Probe.Log);
    }

    [Fact]
    public async Task InterceptorFromDependencyInjection_CanRejectTheCall()
    {
        await using var server = await TestGrpcServer.StartAsync(
            options => options.Interceptors.Add<RejectingInterceptor>(),
            (services, _) => services.AddSingleton<RejectingInterceptor>());

        var rejected = await server.CallAsync("/vetactors.rpc.tests.EchoService/Echo", GrpcWire.Frame(new EchoRequest { Text = "x" }));
        var accepted = await server.CallAsync("/vetactors.rpc.tests.EchoService/Echo", GrpcWire.Frame(new EchoRequest { Text = "x" }), r => r.Headers.Add("authorization", "Bearer ok"));

        Assert.Equal("16", rejected.Status);
        Assert.Equal("missing credentials", rejected.StatusMessage);
        Assert.Equal("0", accepted.Status);
    }

    [Fact]
    public async Task ServiceOptions_OverrideGlobalLimitForThatServiceOnly()
    {
        await using var server = await TestGrpcServer.StartAsync(
            options => options.MaxReceiveMessageSize = 100,
            (_, grpc) => grpc.AddServiceOptions<EchoTestService>(options => options.MaxReceiveMessageSize = 10_000));

        var response = await server.CallAsync("/vetactors.rpc.tests.EchoService/Echo", GrpcWire.Frame(new EchoRequest { Text = new string('a', 500) }));

        Assert.Equal("0", response.Status);
    }
}
