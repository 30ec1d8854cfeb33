using System.Reflection;
using Grpc.Core;

namespace VetActors.GrpcApi.Security.Internal;

/// <summary>
/// Every gRPC service class of VetActors.GrpcApi and the access rule of each of its RPCs, found by reflection: a
/// service is any concrete class derived from a generated <c>...Base</c> class, so adding a service class is all it
/// takes to have it mapped, authorized and covered by the authorization matrix test.
/// </summary>
internal sealed class ApiCatalog
{
    /// <summary>Protocol services of the server itself, open to any caller: health checks and reflection describe no clinic data.</summary>
    private static readonly string[] InfrastructureServicePrefixes = ["/grpc.health.v1.Health/", "/grpc.reflection.v1alpha.ServerReflection/", "/grpc.reflection.v1.ServerReflection/"];

    private static readonly AllowAttribute InfrastructureRule = new(Enum.GetValues<Callers>().Aggregate(Callers.None, (a, c) => a | c));

    private readonly Dictionary<string, ApiMethod> _methods;

    public ApiCatalog(IEnumerable<Type> serviceTypes)
    {
        ServiceTypes = [.. serviceTypes];
        _methods = ServiceTypes.SelectMany(Describe).ToDictionary(m => m.Method.FullName, StringComparer.Ordinal);
    }

    /// <summary>The catalog of every service class in this assembly.</summary>
    public static ApiCatalog Default { get; } = new(DiscoverServiceTypes(typeof(ApiCatalog).Assembly));

    public IReadOnlyList<Type> ServiceTypes { get; }

    public IEnumerable<ApiMethod> Methods => _methods.Values;

    /// <summary>The rule of the RPC <paramref name="fullName"/> (<c>/package.Service/Method</c>), or <c>null</c> when none is declared.</summary>
    public AllowAttribute? FindRule(string fullName)
    {
        if (_methods.TryGetValue(fullName, out var method))
        {
            return method.Rule;
        }

        return InfrastructureServicePrefixes.Any(p => fullName.StartsWith(p, StringComparison.Ordinal)) ? InfrastructureRule : null;
    }

    public static IEnumerable<Type> DiscoverServiceTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && FindGeneratedBase(t) is not null);

    /// <summary>The generated <c>...Base</c> class (the one carrying <see cref="BindServiceMethodAttribute"/>) of a service class.</summary>
    public static Type? FindGeneratedBase(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not null)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The RPCs of a service class, read from its generated <c>BindService(ServiceBinderBase, TBase)</c>.</summary>
    public static IReadOnlyList<ApiMethod> Describe(Type serviceType)
    {
        var generatedBase = FindGeneratedBase(serviceType) ?? throw new ArgumentException($"{serviceType} is not a gRPC service class.", nameof(serviceType));
        var bind = generatedBase.GetCustomAttribute<BindServiceMethodAttribute>()!;
        var bindMethod = bind.BindType.GetMethod(
            bind.BindMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(ServiceBinderBase), generatedBase])
            ?? throw new InvalidOperationException($"{bind.BindType}.{bind.BindMethodName} was not found.");
        var binder = new DescribingBinder();
        bindMethod.Invoke(null, [binder, null]);
        return [.. binder.Methods.Select(m =>
        {
            var implementation = serviceType.GetMethod(m.Name, BindingFlags.Public | BindingFlags.Instance);
            var declared = implementation is not null && implementation.DeclaringType != generatedBase;
            return new ApiMethod(m, serviceType, declared ? implementation : null, declared ? implementation!.GetCustomAttribute<AllowAttribute>() : null);
        })];
    }

    private sealed class DescribingBinder : ServiceBinderBase
    {
        public List<IMethod> Methods { get; } = [];

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) => Methods.Add(method);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) => Methods.Add(method);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) => Methods.Add(method);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) => Methods.Add(method);
    }
}
