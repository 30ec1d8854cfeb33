using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Bench;

/// <summary>An in-process Kestrel h2c server on 127.0.0.1 serving <see cref="BenchService"/>, set up as grpc_bench's .NET server is.</summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<BenchServer> StartAsync(int port = 0, bool bare = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc(options => options.IgnoreUnknownServices = true);
        var app = builder.Build();
        if (bare)
        {
            // The ceiling: a gRPC-shaped answer (one empty message, grpc-status 0) with no gRPC work at all.
            app.MapPost("/vetactors.bench.BenchService/Unary", BareUnaryAsync);
        }
        else
        {
            app.MapGrpcService<BenchService>();
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchServer(app, new Uri(address).Port);
    }

    private static readonly byte[] EmptyMessageFrame = [0, 0, 0, 0, 0];

    private static async Task BareUnaryAsync(HttpContext context)
    {
        while (true)
        {
            var read = await context.Request.BodyReader.ReadAsync();
            context.Request.BodyReader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }
        context.Response.ContentType = "application/grpc";
        context.Response.AppendTrailer("grpc-status", "0");
        await context.Response.BodyWriter.WriteAsync(EmptyMessageFrame);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
