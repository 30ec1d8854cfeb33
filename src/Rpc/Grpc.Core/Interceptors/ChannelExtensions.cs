namespace Grpc.Core.Interceptors;

/// <summary>Adds interceptors in front of a channel's call invoker.</summary>
public static class ChannelExtensions
{
    public static CallInvoker Intercept(this ChannelBase channel, Interceptor interceptor) =>
        (channel ?? throw new ArgumentNullException(nameof(channel))).CreateCallInvoker().Intercept(interceptor);

    public static CallInvoker Intercept(this ChannelBase channel, params Interceptor[] interceptors) =>
        (channel ?? throw new ArgumentNullException(nameof(channel))).CreateCallInvoker().Intercept(interceptors);

    public static CallInvoker Intercept(this ChannelBase channel, Func<Metadata, Metadata> interceptor) =>
        (channel ?? throw new ArgumentNullException(nameof(channel))).CreateCallInvoker().Intercept(interceptor);
}
