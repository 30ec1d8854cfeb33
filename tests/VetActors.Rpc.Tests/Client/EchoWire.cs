using System.IO.Compression;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using VetActors.Rpc.Client;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Client;

/// <summary>Well-formed gRPC answers and gzip helpers shared by the channel's wire tests.</summary>
internal static class EchoWire
{
    /// <summary>Echoes each request's text back in a well-formed response.</summary>
    public static async Task EchoHandler(HttpContext context)
    {
        var messages = await FakeGrpcServer.ReadMessagesAsync(context);
        await FakeGrpcServer.StartResponseAsync(context);
        foreach (var (_, payload) in messages)
        {
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = EchoRequest.Parser.ParseFrom(payload).Text }));
        }
        FakeGrpcServer.SetTrailers(context, "0");
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
