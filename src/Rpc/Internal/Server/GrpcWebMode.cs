namespace VetActors.Rpc.Internal.Server;

/// <summary>How a call is framed on the wire.</summary>
internal enum GrpcWebMode
{
    /// <summary>Plain gRPC over HTTP/2: status in HTTP trailers.</summary>
    None,

    /// <summary>gRPC-Web, binary body: status in a trailers frame (flag 0x80) at the end of the body.</summary>
    Binary,

    /// <summary>gRPC-Web text: as <see cref="Binary"/>, with the body base64-encoded both ways.</summary>
    Text,
}
