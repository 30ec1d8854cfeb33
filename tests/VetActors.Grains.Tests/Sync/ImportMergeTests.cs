using VetActors.Grains.Clients;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

public sealed class ImportMergeTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    private Task PortalClientAsync(string id, string first, string last, string? email, params string[] phones) =>
        _c.Client(id).CreateAsync(new ClientDetails(first, last, null, phones, email), "portal");

    [Fact]
    public async Task Import_EmailMatchesExistingClient_MergedAndExplained()
    {
        await PortalClientAsync("web-1", "Annie", "Lee", " Ann.Lee@Example.com ");

        var ack = await _c.ImportAsync(Client("c1", email: "ann.lee@example.com"), Patient("p1", "c1"));

        Assert.Empty(ack.Held);
        var profile = await _c.Client("web-1").GetProfileAsync();
        Assert.Equal("c1", profile.PimsId);
        Assert.Equal("Ann", profile.Details.FirstName);
        Assert.Single(profile.PetIds);
        var merge = Assert.Single(await _c.Sync.GetMergesAsync());
        Assert.Equal(["email"], merge.MatchedOn);
        Assert.Equal("web-1", merge.ClientId);
    }

    [Fact]
    public async Task Import_PhoneAndLastNameMatch_Merged()
    {
        await PortalClientAsync("web-1", "Ann", "LEE", null, "+1 (555) 010-2030");

        await _c.ImportAsync(Client("c1", phones: ["555.010.2030"]));

        var merge = Assert.Single(await _c.Sync.GetMergesAsync());
        Assert.Equal(["phone+last_name"], merge.MatchedOn);
    }

    [Fact]
    public async Task Import_PhoneMatchButOtherLastName_NotMerged()
    {
        await PortalClientAsync("web-1", "Bob", "Stone", null, "5550102030");

        await _c.ImportAsync(Client("c1", phones: ["5550102030"]));

        Assert.Empty(await _c.Sync.GetMergesAsync());
        Assert.Equal("c1", (await _c.PimsClient("c1").GetProfileAsync()).PimsId);
    }

    [Fact]
    public async Task Import_AmbiguousMatch_HeldForReviewNeverMerged()
    {
        await PortalClientAsync("web-1", "Ann", "Lee", "ann@example.com");
        await PortalClientAsync("web-2", "Ann", "Lee", null, "5550102030");

        var ack = await _c.ImportAsync(Client("c1", email: "ann@example.com", phones: ["5550102030"]), Patient("p1", "c1"));

        Assert.Equal(["c1", "p1"], ack.Held.Select(h => h.RecordId));
        Assert.Empty(await _c.Sync.GetMergesAsync());
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));
        Assert.Equal(ReviewKind.AmbiguousMatch, item.Kind);
        Assert.Equal(["web-1", "web-2"], item.Candidates);
        Assert.Null((await _c.Client("web-1").GetProfileAsync()).PimsId);
    }

    [Fact]
    public async Task Approve_AmbiguousMatchWithChosenClient_MergesAndAppliesWaitingPets()
    {
        await PortalClientAsync("web-1", "Ann", "Lee", "ann@example.com");
        await PortalClientAsync("web-2", "Ann", "Lee", null, "5550102030");
        await _c.ImportAsync(Client("c1", email: "ann@example.com", phones: ["5550102030"]), Patient("p1", "c1"));
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));

        await _c.Sync.ApproveAsync(item.Id, "staff-1", "web-2");

        var profile = await _c.Client("web-2").GetProfileAsync();
        Assert.Equal("c1", profile.PimsId);
        Assert.Equal("Rex", Assert.Single(await _c.Client("web-2").GetPetsAsync()).Signalment.Name);
        Assert.Equal(["staff"], Assert.Single(await _c.Sync.GetMergesAsync()).MatchedOn);
        var status = await _c.Sync.GetStatusAsync();
        Assert.Equal(0, status.Progress.Held);
        Assert.Equal(2, status.Progress.Applied);
    }

    [Fact]
    public async Task Dismiss_AmbiguousMatch_RejectsClientAndWaitingRecordsVisibly()
    {
        await PortalClientAsync("web-1", "Ann", "Lee", "ann@example.com");
        await PortalClientAsync("web-2", "Ann", "Lee", null, "5550102030");
        await _c.ImportAsync(Client("c1", email: "ann@example.com", phones: ["5550102030"]), Patient("p1", "c1"));
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));

        var dismissed = await _c.Sync.DismissAsync(item.Id, "staff-1", "two different people");

        Assert.Equal(ReviewStatus.Dismissed, dismissed.Status);
        Assert.Equal("staff-1", dismissed.ResolvedBy);
        Assert.Equal(["p1", "c1"], (await _c.Sync.GetRejectedAsync()).Select(r => r.RecordId));
    }

    [Fact]
    public async Task UndoMerge_ByStaff_SplitsPimsClientWithItsPetsAndRestoresDetails()
    {
        await PortalClientAsync("web-1", "Annie", "Lee", "ann@example.com");
        await _c.ImportAsync(Client("c1", first: "Ann", email: "ann@example.com"), Patient("p1", "c1"));
        var merge = Assert.Single(await _c.Sync.GetMergesAsync());

        var undone = await _c.Sync.UndoMergeAsync(merge.MergeId, "staff-1");

        Assert.Equal("staff-1", undone.UndoneBy);
        var original = await _c.Client("web-1").GetProfileAsync();
        Assert.Equal("Annie", original.Details.FirstName);
        Assert.Null(original.PimsId);
        Assert.Empty(original.PetIds);
        var split = await _c.Client(undone.SplitClientId!).GetProfileAsync();
        Assert.Equal("c1", split.PimsId);
        Assert.Equal("Ann", split.Details.FirstName);
        var pet = Assert.Single(await _c.Client(undone.SplitClientId!).GetPetsAsync());
        Assert.Equal(undone.SplitClientId, pet.OwnerClientId);
        await Assert.ThrowsAsync<VetActors.Grains.Common.RuleViolation>(() => _c.Sync.UndoMergeAsync(merge.MergeId, "staff-1"));
    }

    [Fact]
    public async Task Import_PatientBeforeItsClientInSameImport_HeldThenApplied()
    {
        var session = await _c.ConnectAsync();
        var first = await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Patient("p1", "c1")]));
        var second = await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, [Client("c1")], EndOfImport: true));

        Assert.Contains("has not arrived", Assert.Single(first.Held).Reason);
        Assert.Empty(second.Rejected);
        Assert.Single(await _c.PimsClient("c1").GetPetsAsync());
        Assert.Equal(0, (await _c.Sync.GetStatusAsync()).Progress.Held);
    }

    [Fact]
    public async Task Import_PatientWhoseClientNeverArrives_RejectedAtEndOfImportWithReason()
    {
        var session = await _c.ConnectAsync();
        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Patient("p1", "ghost")]));

        var last = await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, [Client("c1")], EndOfImport: true));

        var rejected = Assert.Single(last.Rejected);
        Assert.Equal("p1", rejected.RecordId);
        Assert.Contains("client ghost", rejected.Reason);
        Assert.NotNull(Assert.Single(await _c.Sync.GetRejectedAsync()).Raw);
    }

    [Fact]
    public async Task Import_FirstImport_CopiesEveryFieldEvenNamesOfExistingPimsClients()
    {
        var session = await _c.ConnectAsync();
        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("c1", first: "Ann"), Patient("p1", "c1", name: "Rex")]));

        var ack = await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, [Client("c1", 2, first: "Anne"), Patient("p1", "c1", 2, name: "Max")], true));

        Assert.Empty(ack.Held);
        Assert.Equal("Anne", (await _c.PimsClient("c1").GetProfileAsync()).Details.FirstName);
        Assert.Equal("Max", (await _c.PimsPet("p1").GetProfileAsync()).Signalment.Name);
    }

    [Fact]
    public async Task Import_VaccinationOfPatientWhoseClientAwaitsReview_WaitsAndAppliesAfterApproval()
    {
        await PortalClientAsync("web-1", "Ann", "Lee", "ann@example.com");
        await PortalClientAsync("web-2", "Ann", "Lee", null, "5550102030");
        var ack = await _c.ImportAsync(
            Client("c1", email: "ann@example.com", phones: ["5550102030"]), Patient("p1", "c1"), Vaccination("v1", "p1", new DateOnly(2025, 6, 1)));
        Assert.Equal(3, ack.Held.Count);

        await _c.Sync.ApproveAsync(Assert.Single(await _c.Sync.GetReviewQueueAsync(false)).Id, "staff-1", null);

        Assert.Single(await _c.PimsPet("p1").GetVaccinationsAsync());
        Assert.Empty(await _c.Sync.GetRejectedAsync());
    }
}
