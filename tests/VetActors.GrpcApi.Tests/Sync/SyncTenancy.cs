using Google.Protobuf;
using Grpc.Core;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Security;
using Api = VetActors.Protos.StaffSync.V1;
using Pims = VetActors.Protos.Pims.V1;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>
/// Tenancy samples of the PIMS sync RPCs: the staff tools (StaffSync) and the agent's stream (PimsSync). Clinic A has
/// imported real data through its sync grain (<see cref="ArrangeAsync"/>); clinic B has none. Clinic A's caller
/// reaches A's client, pet, review item and merge; clinic B's caller naming the same ids finds nothing, and its lists
/// hold nothing of A's. Every call compares clinic A's sync state before and after: clinic B's call must leave it
/// exactly as it was, and clinic A's own call of a writing RPC must change it, which shows that the same request
/// would have been seen had it crossed over (the audit log the matrix counts is not written by sync).
/// </summary>
internal static partial class SyncTenancy
{
    private const string StaffSync = "/vetactors.staffsync.v1.StaffSync/";
    private const string PimsSync = "/vetactors.pims.v1.PimsSync/Sync";

    public static IEnumerable<KeyValuePair<string, TenancySample>> Samples()
    {
        yield return Read("SearchClients", StatusCode.OK, new Api.SearchClientsRequest { Query = OwnLastName }, ownSees: OwnLastName);
        yield return Read(
            "GetClientProfile", StatusCode.NotFound, new Api.GetClientProfileRequest { ClientId = PimsSyncKeys.ClientIdFor(OwnClientPimsId) }, ownSees: PetName);
        yield return Read("ListReviewItems", StatusCode.OK, new Api.ListReviewItemsRequest { IncludeResolved = true }, ownSees: ProposedLastName);
        yield return Write("ApproveReviewItem", StatusCode.NotFound, new Api.ApproveReviewItemRequest { ItemId = ReviewItemId });
        yield return Write("DismissReviewItem", StatusCode.NotFound, new Api.DismissReviewItemRequest { ItemId = ReviewItemId, Note = "typo in the PIMS" });
        yield return Read("ListMerges", StatusCode.OK, new Api.ListMergesRequest(), ownSees: MergedClientPimsId);
        yield return Write("UndoMerge", StatusCode.NotFound, new Api.UndoMergeRequest { MergeId = MergeId });
        yield return Write("RenamePet", StatusCode.NotFound, new Api.RenamePetRequest
        {
            PetId = PimsSyncKeys.PetIdFor(PetPimsId),
            NewName = "Maximilian",
            Reason = "Owner's request",
        });
        yield return Read("GetIntegrationStatus", StatusCode.OK, new Api.GetIntegrationStatusRequest(), ownSees: AgentId);
        yield return Read("ListRejectedRecords", StatusCode.OK, new Api.ListRejectedRecordsRequest(), ownSees: OrphanPimsId);

        // A's policy is the only one that applies pet names without review, so the field shows only in A's answer.
        yield return Read("GetSyncPolicy", StatusCode.OK, new Api.GetSyncPolicyRequest(), ownSees: "autoApplyPetName");
        yield return Write("SetSyncPolicy", StatusCode.OK, new Api.SetSyncPolicyRequest { Policy = new Api.SyncPolicy { AutoApplyClientAddress = true } });
        yield return Write("RequestResync", StatusCode.OK, new Api.RequestResyncRequest());

        // An agent's stream syncs the clinic of its key: B's agent starts from nothing, and its batch lands in B.
        yield return new(PimsSync, new TenancySample(null, StatusCode.OK, StatusCode.OK, AgentStreamAsync, ArrangeAsync));
    }

    private static KeyValuePair<string, TenancySample> Read(string method, StatusCode otherClinic, IMessage request, string ownSees) =>
        new(StaffSync + method, new TenancySample(
            null,
            StatusCode.OK,
            otherClinic,
            (host, world, token) => CallAsync(host, world, token, StaffSync + method, request, ownSees),
            ArrangeAsync));

    private static KeyValuePair<string, TenancySample> Write(string method, StatusCode otherClinic, IMessage request) =>
        new(StaffSync + method, new TenancySample(
            null,
            StatusCode.OK,
            otherClinic,
            (host, world, token) => CallAsync(host, world, token, StaffSync + method, request, ownSees: null),
            ArrangeAsync));

    /// <summary>Calls a StaffSync RPC; <paramref name="ownSees"/> is what clinic A's answer shows of A's data (null for a write).</summary>
    private static async Task<string> CallAsync(ApiTestHost host, TenancyWorld world, string token, string rpc, IMessage request, string? ownSees)
    {
        var text = await WatchingClinicAAsync(
            host, world, token, writes: ownSees is null, async () => (await host.InvokeUntypedAsync(rpc, request, token)).ToString() ?? "");
        if (!IsClinicA(world, token))
        {
            AssertNothingOfClinicA(text, request.ToString() ?? "");
        }
        else if (ownSees is not null)
        {
            Assert.Contains(ownSees, text, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// Plays an agent that resumes where the welcome says (as a real one does) and sends one batch: clinic A's client
    /// with a new email, which applies at once. From clinic A's agent it changes A; from B's it creates B's own client.
    /// </summary>
    private static async Task<string> AgentStreamAsync(ApiTestHost host, TenancyWorld world, string token)
    {
        var replies = new RecordingStreamWriter<Pims.ServerMessage>();
        var sent = new List<Pims.AgentMessage>();
        await WatchingClinicAAsync(host, world, token, writes: true, async () =>
        {
            await host.InvokeDuplexAsync(PimsSync, new ScriptedStreamReader<Pims.AgentMessage>(Agent(replies, sent)), replies, token);
            return "";
        });

        var welcome = replies.Written[0].Welcome;
        var ack = replies.Written[1].Ack;
        var text = string.Join("\n", replies.Written);
        if (IsClinicA(world, token))
        {
            Assert.Equal((ArrangedSequence, ArrangedSequence + 1), (welcome.LastAppliedSequence, ack.Sequence));
        }
        else
        {
            Assert.Equal((0L, 1L), (welcome.LastAppliedSequence, ack.Sequence));
            AssertNothingOfClinicA(text, string.Join("\n", sent));
        }

        Assert.Equal(OwnClientPimsId, Assert.Single(ack.Applied).RecordId);
        return text;
    }

    private static IEnumerable<Pims.AgentMessage> Agent(RecordingStreamWriter<Pims.ServerMessage> replies, List<Pims.AgentMessage> sent)
    {
        sent.Add(new Pims.AgentMessage { Hello = new Pims.Hello { AgentId = "agent", PimsKind = "AVImark", PimsVersion = "19" } });
        yield return sent[^1];

        // The service writes the welcome before it reads on, so the agent knows where to resume when asked for the batch.
        var batch = new Pims.Batch { Sequence = replies.Written[0].Welcome.LastAppliedSequence + 1 };
        batch.Records.Add(new Pims.Record
        {
            Id = OwnClientPimsId,
            Version = 3,
            Client = new Pims.Client { FirstName = OwnFirstName, LastName = OwnLastName, Email = "zephyrine.new@oakenshield.example", Phones = { OwnPhone } },
        });
        sent.Add(new Pims.AgentMessage { Batch = batch });
        yield return sent[^1];
    }

    /// <summary>
    /// Runs <paramref name="call"/> with clinic A's sync state read before and after: unchanged by a call of clinic B
    /// (whatever its status), changed by clinic A's own successful write.
    /// </summary>
    private static async Task<string> WatchingClinicAAsync(ApiTestHost host, TenancyWorld world, string token, bool writes, Func<Task<string>> call)
    {
        var own = IsClinicA(world, token);
        var before = await SnapshotOfClinicAAsync(host, world);
        string text;
        try
        {
            text = await call();
        }
        finally
        {
            if (!own)
            {
                Assert.Equal(before, await SnapshotOfClinicAAsync(host, world));
            }
        }

        if (own && writes)
        {
            Assert.NotEqual(before, await SnapshotOfClinicAAsync(host, world));
        }

        return text;
    }

    private static void AssertNothingOfClinicA(string response, string request)
    {
        // What B sent itself may come back (an ack names B's own records); nothing else of A's may.
        foreach (var mark in ClinicAMarks.Where(m => !request.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            Assert.DoesNotContain(mark, response, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static bool IsClinicA(TenancyWorld world, string token) =>
        token == world.A.AdminToken || token == world.A.AgentToken ? true
        : token == world.B.AdminToken || token == world.B.AgentToken ? false
        : throw new InvalidOperationException("The sync samples are called with each clinic's administrator or agent.");
}
