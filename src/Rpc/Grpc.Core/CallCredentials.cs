namespace Grpc.Core;

/// <summary>Per-call credentials: interceptors that add metadata to each call.</summary>
public abstract class CallCredentials
{
    /// <summary>Credentials that run <paramref name="interceptor"/> for every call.</summary>
    public static CallCredentials FromInterceptor(AsyncAuthInterceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        return new InterceptorCredentials([interceptor]);
    }

    /// <summary>Credentials that run each of the given credentials in order.</summary>
    public static CallCredentials Compose(params CallCredentials[] credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (credentials.Length < 2)
        {
            throw new ArgumentException("Composing needs at least two credentials.", nameof(credentials));
        }
        return new InterceptorCredentials(credentials.SelectMany(c => c.Interceptors).ToArray());
    }

    /// <summary>The interceptors to run, in order.</summary>
    internal abstract IReadOnlyList<AsyncAuthInterceptor> Interceptors { get; }

    private sealed class InterceptorCredentials(AsyncAuthInterceptor[] interceptors) : CallCredentials
    {
        internal override IReadOnlyList<AsyncAuthInterceptor> Interceptors => interceptors;
    }
}
