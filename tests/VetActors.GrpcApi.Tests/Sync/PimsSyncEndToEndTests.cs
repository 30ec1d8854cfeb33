using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Protos.Pims.V1;
using VetActors.Protos.StaffSync.V1;
using VetActors.Rpc.Client;
using static VetActors.GrpcApi.Tests.Sync.SyncRecords;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>
/// The PIMS sync rules end to end over real gRPC: an agent's PimsSync stream (a real bidirectional call to Kestrel
/// over HTTP/2) and staff's StaffSync calls on VetActors' own channel, PostgreSQL storage, a manual clock. Each test
/// onboards its own clinic, so the tests share one server without sharing data.
/// </summary>
public sealed partial class PimsSyncEndToEndTests(SyncClockServerFixture server) : IClassFixture<SyncClockServerFixture>, IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress("http://" + server.Target);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task FirstImport_OverTheStream_EveryRecordReadBackExactlyAsSent()
    {
        var clinic = await OnboardAsync("sync-import");
        var now = server.Time.GetUtcNow();
        Record[] first =
        [
            Client("c1"), Patient("p1", "c1"), Appointment("a0", "p1", now.AddDays(-30), status: "completed"), Appointment("a1", "p1", now.AddDays(7)),
            Reminder("s1", "p1", "2026-07-01"), Vaccination("v1", "p1", "2026-01-10", "2027-01-10"), Prescription("rx1", "p1"),
        ];
        Record[] second = [Client("c2", first: "Bob", last: "Stone", email: "bob@example.com", phone: "5550109999"), Patient("p2", "c2", name: "Milo")];

        var acks = await ImportAsync(clinic, first, second);

        Assert.Equal(first.Select(r => r.Id).Order(StringComparer.Ordinal), acks[0].Applied.Select(o => o.RecordId).Order(StringComparer.Ordinal));
        Assert.Equal(second.Select(r => r.Id).Order(StringComparer.Ordinal), acks[1].Applied.Select(o => o.RecordId).Order(StringComparer.Ordinal));
        Assert.All(acks, a => Assert.Equal((0, 0, false), (a.Held.Count, a.Rejected.Count, a.Replayed)));
        var status = await clinic.StatusAsync();
        Assert.Equal((IntegrationState.Live, true, 9L, 9L, 2L), (status.State, status.InitialImportCompleted, status.RecordsReceived, status.RecordsApplied, status.LastAppliedSequence));

        var profile = await clinic.ProfileAsync("p-c1");
        Assert.Equal(("Ann", "Lee", "ann.lee@example.com", "c1", "pims"), (profile.Client.FirstName, profile.Client.LastName, profile.Client.Email, profile.Client.PimsId, profile.Source));
        Assert.Equal(["5550102030"], profile.Client.Phones);
        Assert.Equal(first[0].Client.Address, profile.Address);
        Assert.Equal(now, profile.DataAsOf.ToDateTimeOffset());
        Assert.Equal("p-p1", Assert.Single(profile.Pets).PetId);

        var rex = await clinic.PetRecordAsync("p-p1");
        AssertSignalment(first[1], rex);
        Assert.Equal(("p-c1", "c1", 1L, false), (rex.OwnerClientId, rex.OwnerPimsId, rex.PimsVersion, rex.Deleted));
        Assert.Equal([(12.5, "kg", "2026-05-01")], rex.WeightHistory.Select(w => (w.Value, w.Unit, w.MeasuredOn)));
        Assert.Equal(
            [("a1", now.AddDays(7), 30, "exam", "booked", "Dr. Rivera", ""), ("a0", now.AddDays(-30), 30, "exam", "completed", "Dr. Rivera", "")],
            rex.Appointments.Select(a => (a.PimsId, a.Start.ToDateTimeOffset(), a.DurationMinutes, a.Type, a.Status, a.Provider, a.StaffFlag)));
        Assert.Equal([("s1", "Rabies booster", "2026-07-01", false)], rex.Reminders.Select(r => (r.PimsId, r.Service, r.DueDate, r.Completed)));
        Assert.Equal([("v1", "Rabies", "2026-01-10", "2027-01-10")], rex.Vaccinations.Select(v => (v.PimsId, v.Vaccine, v.Given, v.Expires)));
        Assert.Equal([("rx1", "Carprofen 75 mg", "active", false, "Rex")], rex.Prescriptions.Select(p => (p.PimsId, p.Drug, p.Status, p.RewriteRequired, p.WrittenForName)));
        Assert.Empty(rex.NameHistory);
        AssertSignalment(second[1], await clinic.PetRecordAsync("p-p2"));
    }

    [Fact]
    public async Task FirstImport_EmailAndPhoneWithLastNameMatches_MergedExplainedAndUndoneByStaff()
    {
        var clinic = await OnboardAsync("sync-merge");
        await ExistingClientAsync(clinic, "web-1", "portal", new ClientDetails("Annie", "Lee", null, [], " Ann.Lee@Example.com "));
        await ExistingClientAsync(clinic, "rx-7", "pharmacy", new ClientDetails("Robert", "STONE", null, ["+1 (555) 010-9999"], null));

        await ImportAsync(clinic, [Client("c1"), Patient("p1", "c1"), Client("c2", first: "Bob", last: "Stone", email: "bob@example.com", phone: "555.010.9999"), Patient("p2", "c2")]);

        var merges = (await clinic.StaffAsync<ListMergesRequest, ListMergesResponse>("ListMerges", new ListMergesRequest())).Merges;
        Assert.Equal(
            [("c1", "web-1", "email"), ("c2", "rx-7", "phone+last_name")],
            merges.Select(m => (m.PimsClientId, m.ClientId, string.Join(",", m.MatchedOn))).OrderBy(m => m.PimsClientId, StringComparer.Ordinal));
        var merged = await clinic.ProfileAsync("web-1");
        Assert.Equal(("c1", "c1", "portal", "Ann"), (merged.Client.PimsId, merged.MergedFromPimsId, merged.Source, merged.Client.FirstName));
        Assert.Equal(["p-p1"], merged.Pets.Select(p => p.PetId));
        Assert.Equal(("web-1", "c1"), ((await clinic.PetRecordAsync("p-p1")).OwnerClientId, (await clinic.PetRecordAsync("p-p1")).OwnerPimsId));

        var undone = (await clinic.StaffAsync<UndoMergeRequest, UndoMergeResponse>(
            "UndoMerge", new UndoMergeRequest { MergeId = merges.Single(m => m.PimsClientId == "c1").MergeId })).Merge;

        Assert.Equal(clinic.StaffUserId, undone.UndoneBy);
        var original = await clinic.ProfileAsync("web-1");
        Assert.Equal(("", "Annie", 0), (original.Client.PimsId, original.Client.FirstName, original.Pets.Count));
        var split = await clinic.ProfileAsync(undone.SplitClientId);
        Assert.Equal(("c1", "Ann"), (split.Client.PimsId, split.Client.FirstName));
        Assert.Equal(["p-p1"], split.Pets.Select(p => p.PetId));
        Assert.Equal(undone.SplitClientId, (await clinic.PetRecordAsync("p-p1")).OwnerClientId);
        Assert.Equal("c2", (await clinic.ProfileAsync("rx-7")).Client.PimsId);
    }

    [Fact]
    public async Task FirstImport_AmbiguousMatch_HeldNeverMergedUntilStaffChooseTheClient()
    {
        var clinic = await OnboardAsync("sync-ambiguous");
        await ExistingClientAsync(clinic, "web-1", "portal", new ClientDetails("Ann", "Lee", null, [], "ann.lee@example.com"));
        await ExistingClientAsync(clinic, "web-2", "pharmacy", new ClientDetails("Ann", "Lee", null, ["5550102030"], null));

        var ack = Assert.Single(await ImportAsync(clinic, [Client("c1"), Patient("p1", "c1")]));

        Assert.Equal(["c1", "p1"], ack.Held.Select(h => h.RecordId));
        Assert.All(ack.Held, h => Assert.NotEmpty(h.Reason));
        Assert.Empty((await clinic.StaffAsync<ListMergesRequest, ListMergesResponse>("ListMerges", new ListMergesRequest())).Merges);
        Assert.Equal(("", ""), ((await clinic.ProfileAsync("web-1")).Client.PimsId, (await clinic.ProfileAsync("web-2")).Client.PimsId));
        var item = Assert.Single(await clinic.ReviewItemsAsync());
        Assert.Equal((ReviewKind.AmbiguousMatch, "c1"), (item.Kind, item.PimsId));
        Assert.Equal(["web-1", "web-2"], item.Candidates);
        Assert.Contains("ann.lee@example.com", item.RawRecord, StringComparison.Ordinal);

        var approved = (await clinic.StaffAsync<ApproveReviewItemRequest, ApproveReviewItemResponse>(
            "ApproveReviewItem", new ApproveReviewItemRequest { ItemId = item.Id, ChosenClientId = "web-2" })).Item;

        Assert.Equal((ReviewStatus.Approved, clinic.StaffUserId), (approved.Status, approved.ResolvedBy));
        var merge = Assert.Single((await clinic.StaffAsync<ListMergesRequest, ListMergesResponse>("ListMerges", new ListMergesRequest())).Merges);
        Assert.Equal(("c1", "web-2", "staff"), (merge.PimsClientId, merge.ClientId, string.Join(",", merge.MatchedOn)));
        Assert.Equal(["Rex"], (await clinic.ProfileAsync("web-2")).Pets.Select(p => p.Name));
        Assert.Equal("", (await clinic.ProfileAsync("web-1")).Client.PimsId);
        var status = await clinic.StatusAsync();
        Assert.Equal((2L, 0L), (status.RecordsApplied, status.RecordsHeld));
    }

    private Task<SyncServerClinic> OnboardAsync(string clinicId) => SyncServerClinic.OnboardAsync(server, _channel.CreateCallInvoker(), clinicId);

    /// <summary>A client the clinic already has before its PIMS connects (the portal's or the online pharmacy's).</summary>
    private Task ExistingClientAsync(SyncServerClinic clinic, string clientId, string source, ClientDetails details) =>
        server.Grains.GetGrain<IClientGrain>(GrainKeys.Client(clinic.ClinicId, clientId)).CreateAsync(details, source);

    /// <summary>A full import on one stream: the batches numbered from 1, the last marked as the end of the import.</summary>
    private static async Task<List<Ack>> ImportAsync(SyncServerClinic clinic, params Record[][] batches)
    {
        await using var agent = await clinic.ConnectAgentAsync(fullImport: true);
        var acks = new List<Ack>();
        for (var i = 0; i < batches.Length; i++)
        {
            acks.Add(await agent.SendAsync(i + 1, batches[i], endOfImport: i == batches.Length - 1));
        }

        return acks;
    }

    private static void AssertSignalment(Record sent, GetPetRecordResponse record)
    {
        var p = sent.Patient;
        var pet = record.Pet;
        Assert.Equal(
            (sent.Id, p.Name, p.Species, p.Breed, p.Sex, p.BirthDate, p.Weight, p.WeightUnit, p.WeightDate, p.Colour, p.Microchip, p.Deceased, p.DeceasedDate),
            (pet.PimsId, pet.Name, pet.Species, pet.Breed, pet.Sex, pet.BirthDate, pet.Weight, pet.WeightUnit, pet.WeightDate, pet.Colour, pet.Microchip, pet.Deceased,
                pet.DeceasedDate));
        Assert.Equal(p.ClientId, record.OwnerPimsId);
        Assert.NotNull(pet.DataAsOf);
    }
}
