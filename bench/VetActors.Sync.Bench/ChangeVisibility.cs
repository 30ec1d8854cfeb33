using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using VetActors.Bench.Shared;
using VetActors.PimsAgent.Tests.Infrastructure;
using VetActors.Protos.Pims.V1;
using VetActors.Protos.Portal.V1;
using VetActors.Protos.StaffSync.V1;
using PortalApi = VetActors.Protos.Portal.V1.Portal;

namespace VetActors.Sync.Bench;

/// <summary>
/// How soon an incremental change reaches the reads after its ack, over gRPC: the agent's stream sends one
/// pet-weight change per batch, and from the ack on, the staff client profile and the owner's portal pet view are
/// read until they show the new weight. Each change is timed from the ack to the first read that shows it.
/// </summary>
internal static class ChangeVisibility
{
    public static async Task RunAsync(SyntheticClinicSilo clinic, IReadOnlyList<Record> records, int changes)
    {
        var patient = records.First(r => r.Patient is not null);
        var owner = records.First(r => r.Client is not null && r.Id == patient.Patient.ClientId);
        var staff = new StaffSync.StaffSyncClient(clinic.Channel);
        var admin = ClinicOnboarding.Bearer(clinic.AdminToken);
        var clientId = (await staff.SearchClientsAsync(new SearchClientsRequest { Query = owner.Id }, admin)).Clients.Single(c => c.PimsId == owner.Id).ClientId;
        var profile = new GetClientProfileRequest { ClientId = clientId };
        var petId = (await staff.GetClientProfileAsync(profile, admin)).Pets.Single(p => p.PimsId == patient.Id).PetId;
        var portal = new PortalApi.PortalClient(clinic.Channel);
        var ownerHeaders = ClinicOnboarding.Bearer((await OwnerSignIn.SignInAsync(clinic, [owner.Client.Email]))[0]);
        var petRequest = new GetPetRequest { PetId = petId };

        using var call = new PimsSync.PimsSyncClient(clinic.Channel).Sync(ClinicOnboarding.Bearer(clinic.AgentToken));
        await call.RequestStream.WriteAsync(new AgentMessage { Hello = new Hello { AgentId = "bench", PimsKind = "AVImark" } });
        var sequence = (await NextAsync(call.ResponseStream)).Welcome.LastAppliedSequence;

        var toAck = new double[changes];
        var toStaff = new double[changes];
        var toPortal = new double[changes];
        var staffReads = 0;
        var portalReads = 0;
        for (var i = 0; i < changes; i++)
        {
            var weight = 30 + (i + 1) / 10.0;
            var change = patient.Clone();
            change.Version = patient.Version + i + 1;
            change.Patient.Weight = weight;
            var batch = new Batch { Sequence = ++sequence };
            batch.Records.Add(change);
            var sent = Stopwatch.GetTimestamp();
            await call.RequestStream.WriteAsync(new AgentMessage { Batch = batch });
            var ack = (await NextAsync(call.ResponseStream)).Ack;
            if (ack.Sequence != sequence || ack.Applied.Count != 1)
            {
                throw new InvalidOperationException($"change {i + 1}: ack {ack}");
            }

            var acked = Stopwatch.GetTimestamp();
            toAck[i] = Stopwatch.GetElapsedTime(sent, acked).TotalMilliseconds;
            (toStaff[i], var reads) = await UntilAsync(acked, async () =>
                (await staff.GetClientProfileAsync(profile, admin)).Pets.Single(p => p.PetId == petId).Weight == weight);
            staffReads += reads;
            (toPortal[i], reads) = await UntilAsync(acked, async () =>
                (await portal.GetPetAsync(petRequest, ownerHeaders)).Pet.Signalment.Weight == weight);
            portalReads += reads;
        }

        await call.RequestStream.CompleteAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"incremental changes over gRPC ({changes} pet-weight changes, one batch each): sent to ack p50 {Median(toAck):F1} ms, max {toAck.Max():F1} ms; " +
            $"ack to visible in the staff profile p50 {Median(toStaff):F1} ms, max {toStaff.Max():F1} ms ({staffReads} reads), " +
            $"in the owner's portal p50 {Median(toPortal):F1} ms, max {toPortal.Max():F1} ms ({portalReads} reads)"));
    }

    private static async Task<ServerMessage> NextAsync(IAsyncStreamReader<ServerMessage> responses)
    {
        while (await responses.MoveNext(CancellationToken.None))
        {
            if (responses.Current.MessageCase != ServerMessage.MessageOneofCase.Heartbeat)
            {
                return responses.Current;
            }
        }

        throw new InvalidOperationException("The server ended the agent's stream.");
    }

    /// <summary>Reads until <paramref name="visible"/> holds (bounded at 10 s): the time from <paramref name="since"/>, and how many reads it took.</summary>
    private static async Task<(double Ms, int Reads)> UntilAsync(long since, Func<Task<bool>> visible)
    {
        for (var reads = 1; reads <= 10_000; reads++)
        {
            if (await visible())
            {
                return (Stopwatch.GetElapsedTime(since).TotalMilliseconds, reads);
            }

            await Task.Delay(1);
        }

        throw new TimeoutException("The change was not visible within 10,000 reads.");
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}
