namespace Grpc.Core;

/// <summary>Adds credentials (e.g. an <c>authorization</c> entry) to a call's metadata before it is sent.</summary>
public delegate Task AsyncAuthInterceptor(AuthInterceptorContext context, Metadata metadata);
