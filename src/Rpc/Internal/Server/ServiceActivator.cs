using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// Creates the service instance of a call as grpc-dotnet does: from the request's DI scope when the type is
/// registered, otherwise constructed with its dependencies from that scope. A type with only a public
/// parameterless constructor is built by a compiled <c>new</c>, and a singleton service, or one whose only
/// constructor takes nothing but singletons, comes from the root provider: those never touch the request scope.
/// </summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private static readonly bool IsDisposable = typeof(IDisposable).IsAssignableFrom(typeof(TService)) || typeof(IAsyncDisposable).IsAssignableFrom(typeof(TService));

    private readonly bool _fromServices;
    private readonly Func<TService>? _construct;
    private readonly ObjectFactory<TService>? _factory;
    private readonly IServiceProvider? _root;

    public ServiceActivator(IServiceProvider services)
    {
        var lifetimes = services.GetService<ServiceLifetimes>();
        _fromServices = services.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) == true;
        if (_fromServices)
        {
            _root = lifetimes?.IsSingleton(typeof(TService)) == true ? services : null;
            return;
        }
        var constructors = typeof(TService).GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (constructors is [{ } only] && only.GetParameters().Length == 0)
        {
            _construct = Expression.Lambda<Func<TService>>(Expression.New(only)).Compile();
            return;
        }
        _factory = ActivatorUtilities.CreateFactory<TService>([]);
        if (constructors is [{ } single] && lifetimes is not null && single.GetParameters().All(p => lifetimes.IsSingleton(p.ParameterType)))
        {
            _root = services;
        }
    }

    /// <summary>True when the instance is the server's to dispose after the call.</summary>
    public bool NeedsRelease => IsDisposable && !_fromServices;

    public TService Create(HttpContext httpContext) =>
        _fromServices ? (_root ?? httpContext.RequestServices).GetRequiredService<TService>()
        : _construct is not null ? _construct()
        : _factory!(_root ?? httpContext.RequestServices, null);

    public ValueTask ReleaseAsync(TService service)
    {
        if (!NeedsRelease)
        {
            return default;
        }
        if (service is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }
        ((IDisposable)service).Dispose();
        return default;
    }
}
