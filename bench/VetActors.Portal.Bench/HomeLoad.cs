using System.Diagnostics;
using Grpc.Core;
using VetActors.Protos.Portal.V1;
using VetActors.Rpc.Client;
using PortalApi = VetActors.Protos.Portal.V1.Portal;

namespace VetActors.Portal.Bench;

/// <summary>
/// Signed-in owners asking for their home over real gRPC: each owner is a loop that sends its next request when the
/// previous answer arrives (a closed loop, so the offered load is what the server sustains), spread over the channels.
/// The baseline asks for the owner's notification preferences instead: the same authentication and gRPC path with one
/// small grain call, to tell the home's own cost from the machine's.
/// </summary>
internal static class HomeLoad
{
    public static async Task<(double[] LatenciesMs, TimeSpan Elapsed)> RunAsync(
        IReadOnlyList<GrpcChannel> channels, IReadOnlyList<string> tokens, TimeSpan duration, bool baseline = false)
    {
        var latencies = new List<double>[tokens.Count];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(tokens.Select((token, i) => Task.Run(async () =>
        {
            var portal = new PortalApi.PortalClient(channels[i % channels.Count]);
            var headers = new Metadata { { "authorization", "Bearer " + token } };
            var request = new GetHomeRequest();
            var own = latencies[i] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                if (baseline)
                {
                    await portal.GetNotificationPreferencesAsync(new GetNotificationPreferencesRequest(), headers);
                }
                else
                {
                    await portal.GetHomeAsync(request, headers);
                }

                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();
        return ([.. latencies.SelectMany(l => l).Order()], clock.Elapsed);
    }

    /// <summary>Every owner asks <paramref name="calls"/> times, so every grain on the path is active and every connection open.</summary>
    public static Task WarmAsync(IReadOnlyList<GrpcChannel> channels, IReadOnlyList<string> tokens, int calls) =>
        Task.WhenAll(tokens.Select(async (token, i) =>
        {
            var portal = new PortalApi.PortalClient(channels[i % channels.Count]);
            var headers = new Metadata { { "authorization", "Bearer " + token } };
            for (var call = 0; call < calls; call++)
            {
                await portal.GetHomeAsync(new GetHomeRequest(), headers);
            }
        }));
}
