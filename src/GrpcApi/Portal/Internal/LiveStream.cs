using Grpc.Core;
using VetActors.Grains.Events;

namespace VetActors.GrpcApi.Portal.Internal;

/// <summary>The loop of a live stream: subscribed first, then each event the caller may see, until the call ends.</summary>
internal static class LiveStream
{
    /// <summary>
    /// Writes <paramref name="started"/>, then every event of <paramref name="subscription"/> that <paramref name="map"/>
    /// turns into a message. A cancelled call or a passed deadline ends the stream quietly; a subscription the hub
    /// dropped for falling behind throws its RateLimitedException, which leaves as RESOURCE_EXHAUSTED.
    /// </summary>
    public static async Task RunAsync<TResponse>(
        IClinicEventSubscription subscription,
        IServerStreamWriter<TResponse> writer,
        TResponse started,
        Func<ClinicEvent, TResponse?> map,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        try
        {
            await writer.WriteAsync(started, cancellationToken);
            await foreach (var clinicEvent in subscription.ReadAllAsync(cancellationToken))
            {
                if (map(clinicEvent) is { } message)
                {
                    await writer.WriteAsync(message, cancellationToken);
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away (cancelled, or its deadline passed): whatever the last read or write threw, the
            // stream is over and there is nobody to tell.
        }
    }
}
