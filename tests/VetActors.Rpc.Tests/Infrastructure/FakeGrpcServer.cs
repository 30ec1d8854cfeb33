using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Tests.Infrastructure;

/// <summary>
/// An h2c Kestrel endpoint on 127.0.0.1 whose every request goes to a test's handler, so a test can
/// script the exact gRPC wire response: headers, DATA frames split anywhere, trailers, resets.
/// </summary>
public sealed class FakeGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private int _requestCount;

    private FakeGrpcServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Requests that reached the handler.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Distinct connections requests arrived on.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Starts the server; with a certificate it serves TLS (ALPN h2) instead of h2c.</summary>
    public static async Task<FakeGrpcServer> StartAsync(Func<HttpContext, Task> handler, Action<KestrelServerOptions>? configure = null, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            configure?.Invoke(options);
        });
        var app = builder.Build();
        FakeGrpcServer? server = null;
        app.Run(async context =>
        {
            Interlocked.Increment(ref server!._requestCount);
            server._connections.TryAdd(context.Connection.Id, 0);
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server = new FakeGrpcServer(app, new Uri(address));
        return server;
    }

    /// <summary>Stops the server without waiting for requests in flight: their connections are dropped.</summary>
    public Task AbortAsync() => _app.StopAsync(new CancellationToken(canceled: true));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A length-prefixed message.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, bool compressed = false)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    /// <summary>Sends <c>:status 200</c> and <c>content-type: application/grpc</c> (plus extra headers) now.</summary>
    public static async Task StartResponseAsync(HttpContext context, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/grpc";
        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes bytes as their own DATA frame(s), flushed immediately.</summary>
    public static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> bytes)
    {
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Sets the trailers that end the response.</summary>
    public static void SetTrailers(HttpContext context, string grpcStatus, string? grpcMessage = null, params (string Name, string Value)[] trailers)
    {
        context.Response.AppendTrailer("grpc-status", grpcStatus);
        if (grpcMessage is not null)
        {
            context.Response.AppendTrailer("grpc-message", grpcMessage);
        }
        foreach (var (name, value) in trailers)
        {
            context.Response.AppendTrailer(name, value);
        }
    }

    /// <summary>Answers with one HEADERS frame holding the status (Trailers-Only).</summary>
    public static void TrailersOnly(HttpContext context, string grpcStatus, string? grpcMessage = null, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = grpcStatus;
        if (grpcMessage is not null)
        {
            context.Response.Headers["grpc-message"] = grpcMessage;
        }
        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }
    }

    /// <summary>Resets the stream with an HTTP/2 error code.</summary>
    public static void Reset(HttpContext context, int errorCode) =>
        context.Features.GetRequiredFeature<IHttpResetFeature>().Reset(errorCode);

    /// <summary>Reads the whole request body as length-prefixed messages (flag, payload).</summary>
    public static async Task<List<(bool Compressed, byte[] Payload)>> ReadMessagesAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        return ParseMessages(body.ToArray());
    }

    /// <summary>Reads one length-prefixed message, or null at the end of the request body.</summary>
    public static async Task<byte[]?> ReadMessageAsync(HttpContext context)
    {
        var header = new byte[5];
        var read = await context.Request.Body.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false, context.RequestAborted);
        if (read == 0)
        {
            return null;
        }
        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await context.Request.Body.ReadExactlyAsync(payload, context.RequestAborted);
        return payload;
    }

    public static List<(bool Compressed, byte[] Payload)> ParseMessages(ReadOnlySpan<byte> body)
    {
        var messages = new List<(bool, byte[])>();
        while (body.Length >= 5)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body[1..]);
            messages.Add((body[0] == 1, body.Slice(5, length).ToArray()));
            body = body[(5 + length)..];
        }
        if (!body.IsEmpty)
        {
            throw new InvalidDataException("Trailing bytes after the last message.");
        }
        return messages;
    }
}
