using System.Net;

namespace VetActors.Rpc.Tests.Server.Infrastructure;

/// <summary>A whole HTTP response to a gRPC call: status line, headers, frames and trailers.</summary>
public sealed class GrpcResponse(HttpResponseMessage message, byte[] body)
{
    public HttpResponseMessage Message { get; } = message;

    public HttpStatusCode HttpStatus => Message.StatusCode;

    public byte[] Body { get; } = body;

    public List<(byte Flag, byte[] Payload)> Frames => GrpcWire.ParseFrames(Body);

    /// <summary>True when the status came in the headers frame with no body (Trailers-Only).</summary>
    public bool IsTrailersOnly => Message.Headers.Contains("grpc-status") && Body.Length == 0;

    public string? Status => Header("grpc-status");

    public string? StatusMessage => Header("grpc-message");

    /// <summary>A trailer (or, for Trailers-Only, a header).</summary>
    public string? Header(string name) =>
        Message.TrailingHeaders.TryGetValues(name, out var trailer) ? string.Join(",", trailer)
        : Message.Headers.TryGetValues(name, out var header) ? string.Join(",", header)
        : Message.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
        : null;
}
