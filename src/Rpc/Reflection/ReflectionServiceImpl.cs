using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;
using VetActors.Rpc.Reflection.Internal;

namespace VetActors.Rpc.Reflection;

/// <summary>
/// gRPC server reflection, <c>grpc.reflection.v1.ServerReflection</c>: lists the services and serves their
/// descriptor files with every file they depend on, so tools such as grpcurl can call them.
/// </summary>
public sealed class ReflectionServiceImpl : ServerReflection.ServerReflectionBase
{
    private readonly ReflectionRegistrySource _source;

    /// <summary>Describes exactly <paramref name="services"/> (and the files they need).</summary>
    public ReflectionServiceImpl(IEnumerable<ServiceDescriptor> services)
        : this(new ReflectionRegistrySource(services))
    {
    }

    internal ReflectionServiceImpl(ReflectionRegistrySource source)
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

    private static ServerReflectionResponse Answer(ServerReflectionRequest request, ReflectionRegistry registry) =>
        ReflectionRequestHandler.Handle(request, registry);
}
