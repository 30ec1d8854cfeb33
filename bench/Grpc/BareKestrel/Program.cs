using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// The ceiling for the gRPC load benchmark: Kestrel on an h2c endpoint answering POSTs on the
// interop service's paths with what a gRPC server sends for an empty reply (headers, one empty
// length-prefixed message, trailers with grpc-status 0), without parsing, routing to a handler or
// serializing anything. Usage: dotnet VetActors.Bench.BareKestrel.dll --port=PORT

var port = args.Select(a => a.StartsWith("--port=", StringComparison.Ordinal) ? int.Parse(a[7..], CultureInfo.InvariantCulture) : -1)
    .DefaultIfEmpty(-1).Max();
if (port < 0)
{
    Console.Error.WriteLine("usage: VetActors.Bench.BareKestrel --port=PORT");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    // Cleartext HTTP/2 needs an Http2-only endpoint (an Http1AndHttp2 one falls back to HTTP/1.1).
    kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
});

var app = builder.Build();
app.MapPost("/grpc.testing.TestService/EmptyCall", EmptyReply.WriteAsync);
app.MapPost("/grpc.testing.TestService/UnaryCall", EmptyReply.WriteAsync);

await app.StartAsync();
Console.WriteLine($"listening on {port}");
await app.WaitForShutdownAsync();
return 0;

/// <summary>Writes the gRPC-shaped empty reply after draining the request body.</summary>
internal static class EmptyReply
{
    // Compressed flag 0, big-endian length 0: one empty message.
    private static readonly byte[] EmptyMessage = new byte[5];

    public static async Task WriteAsync(HttpContext context)
    {
        // Read the request to its end, as any gRPC server must before it answers a unary call.
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        context.Response.ContentType = "application/grpc";
        context.Response.AppendTrailer("grpc-status", "0");
        context.Response.BodyWriter.Write(EmptyMessage);
    }
}
