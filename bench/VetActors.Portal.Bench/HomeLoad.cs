using System.Diagnostics;
using Grpc.Core;
using VetActors.Protos.Portal.V1;
using VetActors.Rpc.Client;
using PortalApi = VetActors.Protos.Portal.V1.Portal;

namespace VetActors.Portal.Bench;

/// <summary>
/// Signed-in owners asking for their home over real gRPC, spread over the channels. In a closed loop (rate 0) each
/// owner sends its next request when the previous answer arrives, so the offered load is what the server sustains.
/// Paced, each owner sends <c>rate</c> requests a second on a fixed schedule, and a latency counts from the scheduled
/// send time, so a stalled server is not hidden by requests it delayed (coordinated omission).
/// The baseline asks for the owner's notification preferences instead: the same authentication and gRPC path with one
/// small grain call, to tell the home's own cost from the machine's.
/// </summary>
internal static class HomeLoad
{
    public static async Task<(double[] LatenciesMs, TimeSpan Elapsed)> RunAsync(
        IReadOnlyList<GrpcChannel> channels, IReadOnlyList<string> tokens, TimeSpan duration, double rate, bool baseline)
    {
        var latencies = new List<double>[tokens.Count];
        var clock = Stopwatch.StartNew();
        var interval = rate > 0 ? TimeSpan.FromSeconds(1 / rate) : TimeSpan.Zero;
        await Task.WhenAll(tokens.Select((token, i) => Task.Run(async () =>
        {
            var portal = new PortalApi.PortalClient(channels[i % channels.Count]);
            var headers = new Metadata { { "authorization", "Bearer " + token } };
            var own = latencies[i] = new List<double>(4096);

            // Owners start spread over one interval, not in step.
            var due = interval * i / tokens.Count;
            while (clock.Elapsed < duration)
            {
                if (rate > 0 && due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                var sent = rate > 0 ? due : clock.Elapsed;
                if (baseline)
                {
                    await portal.GetNotificationPreferencesAsync(new GetNotificationPreferencesRequest(), headers);
                }
                else
                {
                    await portal.GetHomeAsync(new GetHomeRequest(), headers);
                }

                own.Add((clock.Elapsed - sent).TotalMilliseconds);
                due += interval;
            }
        })));
        clock.Stop();
        return ([.. latencies.SelectMany(l => l).Order()], clock.Elapsed);
    }
}
