using System.Text.Json;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Security;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>What clinic A imports before each sync sample, and how its state is read to tell whether a call changed it.</summary>
internal static partial class SyncTenancy
{
    /// <summary>The name change held for review in clinic A (review ids are numbered per clinic).</summary>
    public const string ReviewItemId = "r-1";

    /// <summary>Clinic A's merge of a PIMS client into its portal client (merge ids are numbered per clinic).</summary>
    public const string MergeId = "m-1";

    private const string AgentId = "tenancy-agent-a";
    private const long ArrangedSequence = 2;
    private const string OwnClientPimsId = "tc-own";
    private const string OwnFirstName = "Zephyrine";
    private const string OwnLastName = "Oakenshield";
    private const string OwnEmail = "zephyrine@oakenshield.example";
    private const string OwnPhone = "555 014 7788";
    private const string ProposedLastName = "Featherstonehaugh";
    private const string PetPimsId = "tp-own";
    private const string PetName = "Biscuitine";
    private const string PortalClientId = "w-tenancy";
    private const string MergedClientPimsId = "tc-merge";
    private const string MergedFirstName = "Wilhelmina";
    private const string MergedLastName = "Quarrington";
    private const string MergedEmail = "wilhelmina@quarrington.example";
    private const string MergedPetPimsId = "tp-merge";
    private const string MergedPetName = "Pomfrey";
    private const string OrphanPimsId = "tp-orphan";
    private const string MissingOwnerPimsId = "tc-missing";

    /// <summary>Strings found only in clinic A's data; clinic B's answers hold none of them.</summary>
    private static readonly string[] ClinicAMarks =
    [
        AgentId, OwnClientPimsId, OwnFirstName, OwnLastName, ProposedLastName, PetPimsId, PetName, PortalClientId, MergedClientPimsId,
        MergedFirstName, MergedLastName, MergedPetPimsId, MergedPetName, OrphanPimsId, MissingOwnerPimsId, "autoApplyPetName",
    ];

    /// <summary>
    /// Imports into clinic A through its sync grain, as its agent would: client <see cref="OwnClientPimsId"/> with pet
    /// <see cref="PetPimsId"/>; client <see cref="MergedClientPimsId"/>, merged by email into portal client
    /// <see cref="PortalClientId"/> (<see cref="MergeId"/>); patient <see cref="OrphanPimsId"/>, rejected as its owner
    /// never arrives; then a change of the first client's last name, held as <see cref="ReviewItemId"/>. A's policy
    /// then applies pet names without review, and the agent's session has ended.
    /// </summary>
    public static async Task ArrangeAsync(ApiTestHost host, TenancyWorld world)
    {
        await host.Grains.GetGrain<IClientGrain>(GrainKeys.Client(world.A.ClinicId, PortalClientId))
            .CreateAsync(new ClientDetails(MergedFirstName, MergedLastName, null, [], MergedEmail), "portal");
        var sync = SyncOfClinicA(host, world);
        var session = await sync.ConnectAsync(new AgentHello(AgentId, "AVImark", "19", 0, FullImport: true, TotalRecords: 5));
        await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(
            1,
            [
                Client(OwnClientPimsId, 1, OwnFirstName, OwnLastName, OwnEmail, OwnPhone),
                Patient(PetPimsId, OwnClientPimsId, PetName),
                Client(MergedClientPimsId, 1, MergedFirstName, MergedLastName, MergedEmail),
                Patient(MergedPetPimsId, MergedClientPimsId, MergedPetName),
                Patient(OrphanPimsId, MissingOwnerPimsId, "Stray"),
            ],
            EndOfImport: true));
        await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(ArrangedSequence, [Client(OwnClientPimsId, 2, OwnFirstName, ProposedLastName, OwnEmail, OwnPhone)]));
        await sync.SetPolicyAsync(SyncPolicy.Default with { AutoApplyPetName = true }, world.A.AdminUserId);
        await sync.DisconnectAsync(session.SessionId);

        Assert.Equal(ReviewItemId, Assert.Single(await sync.GetReviewQueueAsync(includeResolved: false)).Id);
        var merge = Assert.Single(await sync.GetMergesAsync());
        Assert.Equal((MergeId, MergedClientPimsId, PortalClientId), (merge.MergeId, merge.PimsClientId, merge.ClientId));
        Assert.Equal(OrphanPimsId, Assert.Single(await sync.GetRejectedAsync()).RecordId);
    }

    /// <summary>
    /// Clinic A's sync state as its staff and agent can observe it: review queue, merges, rejected records, policy,
    /// whether a full re-send is requested, status and sessions, and its clients with their pets (names included).
    /// </summary>
    private static async Task<string> SnapshotOfClinicAAsync(ApiTestHost host, TenancyWorld world)
    {
        var sync = SyncOfClinicA(host, world);

        // A requested re-send is told only to the agent, at its hello or heartbeat: a heartbeat of the arranged (oldest)
        // session reads it. The clock stands still during a sample, so every read leaves the same state behind.
        var arranged = (await sync.GetSessionsAsync())[^1];
        var resyncRequested = await sync.HeartbeatAsync(arranged.SessionId);
        var merges = await sync.GetMergesAsync();
        List<object?> parts =
        [
            await sync.GetReviewQueueAsync(includeResolved: true),
            merges,
            await sync.GetRejectedAsync(),
            await sync.GetPolicyAsync(),
            resyncRequested,
            await sync.GetStatusAsync(),
            await sync.GetSessionsAsync(),
        ];

        // Only clients that exist are read: the one an undone merge splits off exists from the undo on.
        var splitOff = merges.Select(m => m.SplitClientId).OfType<string>();
        foreach (var clientId in new[] { PimsSyncKeys.ClientIdFor(OwnClientPimsId), PortalClientId }.Concat(splitOff))
        {
            var client = host.Grains.GetGrain<IClientGrain>(GrainKeys.Client(world.A.ClinicId, clientId));
            parts.Add(new { Profile = await client.GetProfileAsync(), Pets = await client.GetPetsAsync() });
        }

        return string.Join("\n", parts.Select(part => JsonSerializer.Serialize(part)));
    }

    private static IPimsSyncGrain SyncOfClinicA(ApiTestHost host, TenancyWorld world) =>
        host.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(world.A.ClinicId));

    private static PimsRecord Client(string pimsId, long version, string firstName, string lastName, string email, params string[] phones) =>
        new(PimsRecordKind.Client, pimsId, version) { Client = new PimsClientData(firstName, lastName, null, phones, email) };

    private static PimsRecord Patient(string pimsId, string ownerPimsId, string name) =>
        new(PimsRecordKind.Patient, pimsId, 1)
        {
            Patient = new PimsPatientData(ownerPimsId, name, "feline", null, null, new DateOnly(2021, 5, 1), 4.2m, "kg", new DateOnly(2025, 11, 2), null, null, false, null),
        };
}
