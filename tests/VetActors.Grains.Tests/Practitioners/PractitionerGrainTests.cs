using Microsoft.Extensions.DependencyInjection;
using VetActors.Grains.Appointments;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Practitioners;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Practitioners;

public sealed class PractitionerGrainTests
{
    [Fact]
    public async Task Reserve_SameReferenceAndSlotAgain_IsIdempotent()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var vet = world.Practitioner("vet-1");
        var start = world.Now.AddHours(1);

        await vet.ReserveAsync("VA-AAAAAA", start, TimeSpan.FromMinutes(30));
        await vet.ReserveAsync("VA-AAAAAA", start, TimeSpan.FromMinutes(30));

        Assert.Single((await vet.GetAsync()).Bookings);
    }

    [Fact]
    public async Task MarkOverdue_Repeated_PausesOnce()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var vet = world.Practitioner("vet-1");

        var first = await vet.MarkOverdueAsync("VA-AAAAAA");
        var repeat = await vet.MarkOverdueAsync("VA-AAAAAA");
        var second = await vet.MarkOverdueAsync("VA-BBBBBB");
        var schedule = await vet.GetAsync();

        Assert.Equal((true, false, false), (first, repeat, second));
        Assert.Equal((true, 1), (schedule.Paused, schedule.PauseCount));
    }

    [Fact]
    public async Task ClearOverdue_LastOne_LiftsPause()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var vet = world.Practitioner("vet-1");
        await vet.MarkOverdueAsync("VA-AAAAAA");
        await vet.MarkOverdueAsync("VA-BBBBBB");

        var afterFirst = await vet.ClearOverdueAsync("VA-AAAAAA");
        var afterLast = await vet.ClearOverdueAsync("VA-BBBBBB");
        var unknown = await vet.ClearOverdueAsync("VA-BBBBBB");

        Assert.Equal((false, true, false), (afterFirst, afterLast, unknown));
        Assert.False((await vet.GetAsync()).Paused);
    }

    [Fact]
    public async Task Move_UnknownBooking_NotFound()
    {
        await using var world = await AppointmentWorld.StartAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => world.Practitioner("vet-1").MoveAsync("VA-ZZZZZZ", world.Now.AddHours(1), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public async Task EnrolmentDirectory_EnrolledThenWithdrawn_AnswersAccordingly()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var directory = new PractitionerEnrolmentDirectory(world.Grains);
        var vet = world.Practitioner("vet-9");

        var before = await directory.IsActiveVeterinarianAsync(AppointmentWorld.Clinic, "vet-9", CancellationToken.None);
        var enrolled = await vet.EnrollAsync("admin-1");
        var during = await directory.IsActiveVeterinarianAsync(AppointmentWorld.Clinic, "vet-9", CancellationToken.None);
        await vet.WithdrawAsync("admin-1");
        var after = await directory.IsActiveVeterinarianAsync(AppointmentWorld.Clinic, "vet-9", CancellationToken.None);

        Assert.Equal((false, true, true, false), (before, enrolled.Enrolled, during, after));
    }

    [Fact]
    public async Task Book_WithEnrolmentDirectory_OnlyEnrolledPractitioners()
    {
        await using var world = await AppointmentWorld.StartAsync(services => services.AddSingleton<IPractitionerDirectory>(
            sp => new PractitionerEnrolmentDirectory(sp.GetRequiredService<VetActors.Actors.IGrainFactory>())));
        await world.Practitioner("vet-1").EnrollAsync("admin-1");

        await world.BookAsync("VA-AAAAAA");
        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.BookAsync("VA-BBBBBB", vet: "vet-2"));

        Assert.Equal("appointment.not_a_veterinarian", error.Code);
    }

    [Fact]
    public async Task EnrollAndWithdraw_Repeated_AuditsEachChangeOnce()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var vet = world.Practitioner("vet-9");

        await vet.EnrollAsync("admin-1");
        await vet.EnrollAsync("admin-1");
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await vet.WithdrawAsync("admin-2");
        await vet.WithdrawAsync("admin-2");

        var entries = await AuditLog.For(world.Grains, AppointmentWorld.Clinic).ReadAsync(0, 100);
        Assert.Equal(
            [("staff:admin-1", "practitioner.enrolled", "vet-9", world.Now.AddMinutes(-5)), ("staff:admin-2", "practitioner.withdrawn", "vet-9", world.Now)],
            entries.Select(e => (e.Actor, e.Action, e.Target, e.At)));
    }
}
