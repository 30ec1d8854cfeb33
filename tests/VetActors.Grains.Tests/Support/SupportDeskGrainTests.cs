using VetActors.Grains.Common;
using VetActors.Grains.Support;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Support;

public sealed class SupportDeskGrainTests
{
    [Fact]
    public async Task Open_ByPractitioner_ListedAndAudited()
    {
        await using var world = await AppointmentWorld.StartAsync();

        var opened = await world.SupportDesk.OpenAsync(new OpenSupportCase(SupportCaseKind.PractitionerRequest, null, "vet-1", "vet-1", "Calendar shows a wrong time zone."));

        Assert.Equal("SC-000001", opened.CaseId);
        Assert.True(opened.IsOpen);
        Assert.Equal([opened], (await world.SupportDesk.ListAsync(openOnly: true)).ToArray());
        var entry = Assert.Single(world.Audit.Entries);
        Assert.Equal(("42", "vet-1", "support_case.opened", "SC-000001"), (entry.ClinicId, entry.Actor, entry.Action, entry.Subject));
    }

    [Fact]
    public async Task Open_SameAppointmentAndKindTwice_ReturnsTheOpenCase()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var request = new OpenSupportCase(SupportCaseKind.NoShow, "VA-AAAAAA", "vet-1", "vet-1", "no-show");

        var first = await world.SupportDesk.OpenAsync(request);
        var second = await world.SupportDesk.OpenAsync(request);

        Assert.Equal(first, second);
        Assert.Single(await world.SupportDesk.ListAsync(openOnly: false));
    }

    [Fact]
    public async Task Open_NoDescription_InvalidArgument()
    {
        await using var world = await AppointmentWorld.StartAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(
            () => world.SupportDesk.OpenAsync(new OpenSupportCase(SupportCaseKind.PractitionerRequest, null, "vet-1", "vet-1", "")));

        Assert.Equal("description", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task Resolve_Open_RecordsOutcomeAuditsAndLeavesOpenList()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var opened = await world.SupportDesk.OpenAsync(new OpenSupportCase(SupportCaseKind.PractitionerRequest, null, "vet-1", "vet-1", "help"));
        world.Clock.Advance(TimeSpan.FromHours(2));

        var resolved = await world.SupportDesk.ResolveAsync(opened.CaseId, SupportOutcome.FavourPractitioner, "manager-1", "fixed");

        Assert.Equal((SupportOutcome.FavourPractitioner, "manager-1", world.Now), (resolved.Outcome, resolved.ResolvedBy, resolved.ResolvedAt));
        Assert.Empty(await world.SupportDesk.ListAsync(openOnly: true));
        Assert.Equal(["support_case.opened", "support_case.resolved"], world.Audit.Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task Resolve_Twice_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var opened = await world.SupportDesk.OpenAsync(new OpenSupportCase(SupportCaseKind.PractitionerRequest, null, "vet-1", "vet-1", "help"));
        await world.SupportDesk.ResolveAsync(opened.CaseId, SupportOutcome.AgainstPractitioner, "manager-1", "no");

        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.SupportDesk.ResolveAsync(opened.CaseId, SupportOutcome.FavourPractitioner, "manager-2", "yes"));

        Assert.Equal("support.already_resolved", error.Code);
        Assert.Equal(2, world.Audit.Entries.Count);
    }

    [Fact]
    public async Task ResolveOrGet_UnknownCase_NotFound()
    {
        await using var world = await AppointmentWorld.StartAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => world.SupportDesk.ResolveAsync("SC-000009", SupportOutcome.FavourPractitioner, "manager-1", "?"));
        await Assert.ThrowsAsync<NotFoundException>(() => world.SupportDesk.GetAsync("SC-000009"));
    }
}
