using VetActors.InteropClient;

namespace VetActors.Interop.Tests;

/// <summary>The interop case lists the tests run, with the reason for every case left out of a list.</summary>
public static class InteropCases
{
    /// <summary>All 18 cases of doc/interop-test-descriptions.md that the issue names.</summary>
    public static TheoryData<string> All => new(InteropTestClient.AllCases);

    /// <summary>
    /// Cases for a python3-grpcio server: grpcio never tells a handler whether a request message
    /// arrived compressed, so that server cannot refuse the uncompressed probe the two
    /// client-compression cases begin with.
    /// </summary>
    public static TheoryData<string> ForPythonServer =>
        new(InteropTestClient.AllCases.Where(c => c is not ("client_compressed_unary" or "client_compressed_streaming")));

    /// <summary>The gRPC-Web client's cases (tests/Interop/node/grpc_web_client.js).</summary>
    public static TheoryData<string> GrpcWeb => new("unary", "server_streaming", "status", "custom_metadata");
}
