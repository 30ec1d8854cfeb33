using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using VetActors.Rpc.Reflection.Internal;

namespace VetActors.Rpc.Reflection;

/// <summary>
/// gRPC server reflection, <c>grpc.reflection.v1alpha.ServerReflection</c>: lists the services and serves their
/// descriptor files with every file they depend on, so tools such as grpcurl can call them.
/// </summary>
public sealed class ReflectionV1AlphaServiceImpl : ServerReflection.ServerReflectionBase
{
    private readonly ReflectionRegistrySource _source;

    /// <summary>Describes exactly <paramref name="services"/> (and the files they need).</summary>
    public ReflectionV1AlphaServiceImpl(IEnumerable<ServiceDescriptor> services)
        : this(new ReflectionRegistrySource(services))
    {
    }

    internal ReflectionV1AlphaServiceImpl(ReflectionRegistrySource source)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
    }

    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requestStream,
        IServerStreamWriter<ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);

        var registry = _source.Registry;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(Answer(requestStream.Current, registry));
        }
    }

    // v1alpha's messages have the same fields and numbers as v1's: converting through the wire format
    // keeps one implementation of the protocol, at a cost that does not matter for a debugging service.
    private static ServerReflectionResponse Answer(ServerReflectionRequest request, ReflectionRegistry registry)
    {
        var v1Request = Grpc.Reflection.V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString());
        var v1Response = ReflectionRequestHandler.Handle(v1Request, registry);
        return ServerReflectionResponse.Parser.ParseFrom(v1Response.ToByteString());
    }
}
