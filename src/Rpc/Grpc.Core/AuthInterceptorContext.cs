namespace Grpc.Core;

/// <summary>The call an <see cref="AsyncAuthInterceptor"/> adds credentials to.</summary>
public class AuthInterceptorContext
{
    public AuthInterceptorContext(string serviceUrl, string methodName)
        : this(serviceUrl, methodName, CancellationToken.None)
    {
    }

    public AuthInterceptorContext(string serviceUrl, string methodName, CancellationToken cancellationToken)
    {
        ServiceUrl = serviceUrl;
        MethodName = methodName;
        CancellationToken = cancellationToken;
    }

    /// <summary>The URL of the service, e.g. <c>https://host/package.Service</c>.</summary>
    public string ServiceUrl { get; }

    public string MethodName { get; }

    public CancellationToken CancellationToken { get; }
}
