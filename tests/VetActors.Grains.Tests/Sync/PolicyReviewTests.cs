using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

public sealed class PolicyReviewTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public async Task InitializeAsync()
    {
        await _c.InitializeAsync();
        await _c.ImportAsync(Client("c1", email: "a@example.com", phones: ["5550100001"]), Patient("p1", "c1", name: "Rex", weight: 10m));
    }

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task AfterImport_EmailChange_AutoApplied()
    {
        var ack = await _c.SendAsync(Client("c1", 2, email: "b@example.com", phones: ["5550100001"]));

        Assert.Single(ack.Applied);
        Assert.Equal("b@example.com", (await _c.PimsClient("c1").GetProfileAsync()).Details.Email);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("address")]
    [InlineData("phone")]
    public async Task AfterImport_IdentityChange_HeldForReviewAndNotApplied(string field)
    {
        var record = field switch
        {
            "name" => Client("c1", 2, last: "Leigh", email: "a@example.com", phones: ["5550100001"]),
            "address" => Client("c1", 2, email: "a@example.com", phones: ["5550100001"], address: new PostalAddress("9 Elm", null, "Salem", "OR", "97301")),
            _ => Client("c1", 2, email: "a@example.com", phones: ["5550109999"]),
        };

        var ack = await _c.SendAsync(record);

        Assert.Contains("held for review", Assert.Single(ack.Held).Reason);
        var profile = await _c.PimsClient("c1").GetProfileAsync();
        Assert.Equal("Lee", profile.Details.LastName);
        Assert.Equal("1 Main St", profile.Details.Address!.Line1);
        Assert.Equal(["5550100001"], profile.Details.Phones);
        Assert.Single(await _c.Sync.GetReviewQueueAsync(false));
    }

    [Fact]
    public async Task Approve_HeldNameChange_AppliedAndAudited()
    {
        await _c.SendAsync(Client("c1", 2, last: "Leigh", email: "a@example.com", phones: ["5550100001"]));
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));

        var approved = await _c.Sync.ApproveAsync(item.Id, "staff-1", null);

        Assert.Equal(ReviewStatus.Approved, approved.Status);
        Assert.Equal("staff-1", approved.ResolvedBy);
        Assert.Equal("Leigh", (await _c.PimsClient("c1").GetProfileAsync()).Details.LastName);
        Assert.Single((await _c.Sync.SearchClientsAsync("leigh", 10)).Clients);
        Assert.Empty(await _c.Sync.GetReviewQueueAsync(false));
        Assert.Single(await _c.Sync.GetReviewQueueAsync(true));
    }

    [Fact]
    public async Task Dismiss_HeldChange_CurrentValueStays()
    {
        await _c.SendAsync(Client("c1", 2, last: "Leigh", email: "a@example.com", phones: ["5550100001"]));
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));

        await _c.Sync.DismissAsync(item.Id, "staff-1", "typo in the PIMS");

        Assert.Equal("Lee", (await _c.PimsClient("c1").GetProfileAsync()).Details.LastName);
        await Assert.ThrowsAsync<RuleViolation>(() => _c.Sync.ApproveAsync(item.Id, "staff-1", null));
    }

    [Fact]
    public async Task AfterImport_PetNameChange_HeldAndApprovalRenamesWithAudit()
    {
        await _c.SendAsync(Prescription("rx1", "p1"));
        var ack = await _c.SendAsync(Patient("p1", "c1", 2, name: "Rexy", weight: 10m));
        Assert.Contains("pet name", Assert.Single(ack.Held).Reason);
        Assert.Equal("Rex", (await _c.PimsPet("p1").GetProfileAsync()).Signalment.Name);

        await _c.Sync.ApproveAsync(Assert.Single(await _c.Sync.GetReviewQueueAsync(false)).Id, "staff-1", null);

        Assert.Equal("Rexy", (await _c.PimsPet("p1").GetProfileAsync()).Signalment.Name);
        var change = Assert.Single(await _c.PimsPet("p1").GetNameHistoryAsync());
        Assert.Equal(("Rex", "Rexy", "staff-1"), (change.OldName, change.NewName, change.ChangedBy));
        Assert.True(Assert.Single(await _c.PimsPet("p1").GetPrescriptionsAsync()).RewriteRequired);
    }

    [Fact]
    public async Task HeldChange_NewerVersionProposesOtherValue_OldItemSuperseded()
    {
        await _c.SendAsync(Client("c1", 2, last: "Leigh", email: "a@example.com", phones: ["5550100001"]));
        await _c.SendAsync(Client("c1", 3, last: "Lea", email: "a@example.com", phones: ["5550100001"]));

        var all = await _c.Sync.GetReviewQueueAsync(true);

        Assert.Equal([ReviewStatus.Superseded, ReviewStatus.Open], all.Select(i => i.Status));
        Assert.Equal("Ann Lea", all[1].Proposed);
    }

    [Fact]
    public async Task SetPolicy_LoosenedName_NameChangeAppliesWithoutReview()
    {
        await _c.Sync.SetPolicyAsync(SyncPolicy.Default with { AutoApplyClientName = true, AutoApplyPetName = true }, "admin-1");

        var ack = await _c.SendAsync(Client("c1", 2, last: "Leigh", email: "a@example.com", phones: ["5550100001"]), Patient("p1", "c1", 2, name: "Max"));

        Assert.Empty(ack.Held);
        Assert.Equal("Leigh", (await _c.PimsClient("c1").GetProfileAsync()).Details.LastName);
        Assert.Equal("pims", Assert.Single(await _c.PimsPet("p1").GetNameHistoryAsync()).ChangedBy);
        Assert.True((await _c.Sync.GetPolicyAsync()).AutoApplyClientName);
    }

    [Fact]
    public async Task AfterImport_NewCompleteClientAndPatient_AutoApplied()
    {
        var ack = await _c.SendAsync(Client("c2", first: "Bo"), Patient("p2", "c2"));

        Assert.Equal(2, ack.Applied.Count);
        Assert.Single(await _c.PimsClient("c2").GetPetsAsync());
    }

    [Fact]
    public async Task AfterImport_PatientOfUnknownClient_RejectedWithReason()
    {
        var ack = await _c.SendAsync(Patient("p9", "nobody"));

        Assert.Contains("client nobody", Assert.Single(ack.Rejected).Reason);
    }

    [Fact]
    public async Task AfterImport_AppointmentsRemindersVaccinesPrescriptions_AutoApplied()
    {
        var start = _c.Time.GetUtcNow().AddDays(3);

        var ack = await _c.SendAsync(
            Appointment("a1", "p1", start), Reminder("s1", "p1", new DateOnly(2026, 3, 1)), Vaccination("v1", "p1", new DateOnly(2025, 6, 1)), Prescription("rx1", "p1"));

        Assert.Equal(4, ack.Applied.Count);
        var pet = _c.PimsPet("p1");
        Assert.Single(await pet.GetAppointmentsAsync());
        Assert.Single(await pet.GetServiceRemindersAsync());
        Assert.Single(await pet.GetVaccinationsAsync());
        Assert.Single(await pet.GetPrescriptionsAsync());
    }

    [Fact]
    public async Task Deletion_OfAppointmentAndPatient_Removed()
    {
        await _c.SendAsync(Appointment("a1", "p1", _c.Time.GetUtcNow().AddDays(3)));

        await _c.SendAsync(Deletion("d1", PimsRecordKind.Appointment, "a1", 2, "p1"), Deletion("d2", PimsRecordKind.Patient, "p1", 5));

        Assert.Empty(await _c.PimsPet("p1").GetAppointmentsAsync());
        Assert.True((await _c.PimsPet("p1").GetProfileAsync()).Deleted);
        Assert.Empty(await _c.PimsClient("c1").GetPetsAsync());
    }
}
