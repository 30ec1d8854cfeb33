using Grpc.Core;

namespace VetActors.Rpc;

/// <summary>
/// Endpoint metadata attached to every endpoint that <c>MapGrpcService&lt;T&gt;()</c> creates: which
/// service class and which method it serves. Reflection, authorization and tests read it from the
/// endpoint data source.
/// </summary>
public sealed class GrpcMethodMetadata
{
    public GrpcMethodMetadata(Type serviceType, IMethod method)
    {
        ServiceType = serviceType ?? throw new ArgumentNullException(nameof(serviceType));
        Method = method ?? throw new ArgumentNullException(nameof(method));
    }

    /// <summary>The service implementation type (derived from the generated <c>...Base</c> class).</summary>
    public Type ServiceType { get; }

    public IMethod Method { get; }
}
