using System.Collections.ObjectModel;
using Grpc.Core.Interceptors;

namespace VetActors.Rpc;

/// <summary>The server interceptors of <see cref="GrpcServiceOptions"/>, in the order they see a call.</summary>
public sealed class InterceptorCollection : Collection<InterceptorRegistration>
{
    /// <summary>Adds an interceptor of type <typeparamref name="TInterceptor"/>, created with <paramref name="args"/>.</summary>
    public void Add<TInterceptor>(params object[] args)
        where TInterceptor : Interceptor => Add(typeof(TInterceptor), args);

    /// <summary>Adds an interceptor of type <paramref name="interceptorType"/>, created with <paramref name="args"/>.</summary>
    public void Add(Type interceptorType, params object[] args) => Add(new InterceptorRegistration(interceptorType, args));

    internal void AddRange(IEnumerable<InterceptorRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            Add(registration);
        }
    }
}
