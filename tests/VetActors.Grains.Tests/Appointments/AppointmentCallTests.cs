using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Support;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Appointments;

public sealed class AppointmentCallTests
{
    [Fact]
    public async Task Join_BeforeCallOpens_FailsPreconditionSayingWhen()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-AAAAAA");
        world.Clock.Advance(TimeSpan.FromMinutes(45));

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.JoinAsync(CallParty.Client));

        Assert.Equal("appointment.too_early", error.Code);
        Assert.Contains("in 5 min 0 s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5, false)]
    [InlineData(0, false)]
    [InlineData(7, true)]
    public async Task Join_Practitioner_RecordsPunctuality(int minutesAfterStart, bool late)
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-BBBBBB");
        world.Clock.Advance(TimeSpan.FromMinutes(60 + minutesAfterStart));

        var view = await grain.JoinAsync(CallParty.Practitioner);

        Assert.Equal(AppointmentStatus.InCall, view.Status);
        Assert.Equal(late, view.PractitionerLate);
        Assert.Equal(world.Now, view.PractitionerJoinedAt);
    }

    [Fact]
    public async Task DeclareNoShow_Before15Minutes_FailsPreconditionWithTimeLeft()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-CCCCCC");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await grain.JoinAsync(CallParty.Practitioner);
        world.Clock.Advance(TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.DeclareNoShowAsync());

        Assert.Equal("appointment.no_show_too_early", error.Code);
        Assert.Contains("in 5 min 0 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.InCall, (await grain.GetAsync()).Status);
    }

    [Fact]
    public async Task DeclareNoShow_PractitionerJoinedLate_CountsFromJoining()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-DDDDDD");
        world.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(10));
        await grain.JoinAsync(CallParty.Practitioner);
        world.Clock.Advance(TimeSpan.FromMinutes(14));

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.DeclareNoShowAsync());
        Assert.Contains("in 1 min 0 s", error.Message, StringComparison.Ordinal);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        var view = await grain.DeclareNoShowAsync();

        Assert.Equal(AppointmentStatus.NoShow, view.Status);
    }

    [Fact]
    public async Task DeclareNoShow_PractitionerNotJoined_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-EEEEEE");

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.DeclareNoShowAsync());

        Assert.Equal("appointment.wrong_state", error.Code);
    }

    [Fact]
    public async Task DeclareNoShow_ClientJoined_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-FFFFFF");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await grain.JoinAsync(CallParty.Practitioner);
        await grain.JoinAsync(CallParty.Client);
        world.Clock.Advance(TimeSpan.FromMinutes(20));

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.DeclareNoShowAsync());

        Assert.Contains("not a no-show", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoShowTimer_At15Minutes_NotifiesPractitionerOnce()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-GGGGGG");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await grain.JoinAsync(CallParty.Practitioner);

        world.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, world.Notifier.Count("VA-GGGGGG", NotificationKind.NoShowOptionOpen));
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.UntilAsync(() => world.Notifier.Count("VA-GGGGGG", NotificationKind.NoShowOptionOpen) == 1, "no-show option notified");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await Eventually.UntilAsync(() => world.Builder.ReminderTable.Count == 0, "timer removed");

        var notification = Assert.Single(world.Notifier.Sent);
        Assert.Equal((CallParty.Practitioner, "vet-1"), (notification.Recipient, notification.RecipientId));
    }

    [Fact]
    public async Task NoShowTimer_ClientJoined_NothingFires()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-HHHHHH");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await grain.JoinAsync(CallParty.Practitioner);
        await grain.JoinAsync(CallParty.Client);

        world.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(0, world.Builder.ReminderTable.Count);
        Assert.Empty(world.Notifier.Sent);
    }

    [Fact]
    public async Task DeclareNoShow_After15Minutes_OpensCaseAndPartialPayoutOnlyWhenResolvedInFavour()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-JJJJJJ");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await grain.JoinAsync(CallParty.Practitioner);
        world.Clock.Advance(TimeSpan.FromMinutes(15));

        var view = await grain.DeclareNoShowAsync();

        Assert.Equal(PayoutState.AwaitingSupportDecision, view.Payout);
        var supportCase = Assert.Single(await world.SupportDesk.ListAsync(openOnly: true));
        Assert.Equal((SupportCaseKind.NoShow, "VA-JJJJJJ"), (supportCase.Kind, supportCase.AppointmentReference));
        Assert.Equal([supportCase.CaseId], view.SupportCaseIds.ToArray());
        await world.SupportDesk.ResolveAsync(supportCase.CaseId, SupportOutcome.FavourPractitioner, "manager-1", "client confirmed they forgot");
        Assert.Equal(PayoutState.Partial, (await grain.GetAsync()).Payout);
        Assert.Empty((await world.Practitioner("vet-1").GetAsync()).Bookings);
    }

    [Fact]
    public async Task EndCall_ClientNeverJoined_FailsPreconditionPointingToNoShow()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-KKKKKK");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await grain.JoinAsync(CallParty.Practitioner);

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.EndCallAsync());

        Assert.Contains("declare a no-show", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndCall_NotStarted_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-MMMMMM");

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.EndCallAsync());

        Assert.Contains("Booked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportTechnicalDifficulty_DuringCall_EndsCallOpensCaseAndOnlyOnce()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-NNNNNN");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await grain.JoinAsync(CallParty.Practitioner);
        await grain.JoinAsync(CallParty.Client);

        var view = await grain.ReportTechnicalDifficultyAsync(CallParty.Client, "video froze");
        var again = await Assert.ThrowsAsync<RuleViolation>(() => grain.ReportTechnicalDifficultyAsync(CallParty.Practitioner, "audio"));

        Assert.Equal(AppointmentStatus.CallEnded, view.Status);
        Assert.Equal(PayoutState.AwaitingSupportDecision, view.Payout);
        Assert.Equal(world.Now.AddHours(24), view.RecordDueAt);
        Assert.Equal("appointment.already_reported", again.Code);
        var supportCase = Assert.Single(await world.SupportDesk.ListAsync(openOnly: false));
        Assert.Equal(("client-7", SupportCaseKind.TechnicalDifficulty), (supportCase.OpenedBy, supportCase.Kind));
    }

    [Fact]
    public async Task ReportTechnicalDifficulty_BeforeCall_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-PPPPPP");

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.ReportTechnicalDifficultyAsync(CallParty.Practitioner, "no camera"));

        Assert.Contains("Booked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TechnicalDifficulty_RecordCompletedAndResolvedAgainst_NotPayable()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.HoldCallAsync("VA-QQQQQQ");
        await grain.ReportTechnicalDifficultyAsync(CallParty.Practitioner, "audio dropped");

        var completed = await grain.CompleteRecordAsync(AppointmentWorld.Record());
        var caseId = Assert.Single(completed.SupportCaseIds);
        await world.SupportDesk.ResolveAsync(caseId, SupportOutcome.AgainstPractitioner, "manager-1", "call logs show a full consult");

        Assert.Equal(PayoutState.AwaitingSupportDecision, completed.Payout);
        Assert.Equal(PayoutState.NotPayable, (await grain.GetAsync()).Payout);
    }
}
