using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// Creates one registered interceptor per call: resolved from the request's DI scope when its type is
/// registered and no arguments were given, otherwise constructed with the arguments plus services.
/// </summary>
internal sealed class InterceptorActivator
{
    private readonly InterceptorRegistration _registration;
    private readonly bool _fromServices;
    private readonly ObjectFactory? _factory;
    private readonly object[] _arguments;

    public InterceptorActivator(InterceptorRegistration registration, IServiceProvider services)
    {
        _registration = registration;
        _arguments = [.. registration.Arguments];
        _fromServices = _arguments.Length == 0 && services.GetService<IServiceProviderIsService>()?.IsService(registration.Type) == true;
        if (!_fromServices)
        {
            _factory = ActivatorUtilities.CreateFactory(registration.Type, [.. _arguments.Select(a => a.GetType())]);
        }
    }

    public Interceptor Create(HttpContext httpContext, out bool created)
    {
        created = !_fromServices;
        return (Interceptor)(_fromServices
            ? httpContext.RequestServices.GetRequiredService(_registration.Type)
            : _factory!(httpContext.RequestServices, _arguments));
    }

    public static async ValueTask ReleaseAsync(Interceptor interceptor, bool created)
    {
        if (!created)
        {
            return;
        }
        if (interceptor is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else if (interceptor is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
