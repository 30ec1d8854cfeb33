namespace Grpc.Core.Interceptors;

/// <summary>Adds interceptors in front of a call invoker.</summary>
public static class CallInvokerExtensions
{
    public static CallInvoker Intercept(this CallInvoker invoker, Interceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(interceptor);
        return new InterceptingCallInvoker(invoker, interceptor);
    }

    /// <summary>Adds several interceptors; the first one sees each call first.</summary>
    public static CallInvoker Intercept(this CallInvoker invoker, params Interceptor[] interceptors)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(interceptors);
        for (var i = interceptors.Length - 1; i >= 0; i--)
        {
            invoker = Intercept(invoker, interceptors[i]);
        }
        return invoker;
    }

    /// <summary>Rewrites every call's request headers with <paramref name="interceptor"/>.</summary>
    public static CallInvoker Intercept(this CallInvoker invoker, Func<Metadata, Metadata> interceptor)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        return Intercept(invoker, new MetadataInterceptor(interceptor));
    }
}
