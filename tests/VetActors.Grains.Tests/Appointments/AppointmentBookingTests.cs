using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Appointments;

public sealed class AppointmentBookingTests
{
    [Fact]
    public async Task Book_ActiveVeterinarian_BookedAndReservedInTheSchedule()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var reference = AppointmentReference.New();

        var view = await (await world.BookAsync(reference)).GetAsync();

        Assert.Equal(AppointmentStatus.Booked, view.Status);
        Assert.Equal(PayoutState.NotYetDue, view.Payout);
        Assert.Equal(reference, view.Reference);
        var schedule = await world.Practitioner("vet-1").GetAsync();
        Assert.Equal(reference, Assert.Single(schedule.Bookings).Reference);
    }

    [Fact]
    public void New_Reference_IsShortUnambiguousAndVaries()
    {
        var references = Enumerable.Range(0, 1000).Select(_ => AppointmentReference.New()).ToHashSet();

        Assert.True(references.Count > 990);
        Assert.All(references, r => Assert.True(AppointmentReference.IsWellFormed(r), r));
        Assert.DoesNotContain(references, r => r[3..].IndexOfAny(['0', 'O', '1', 'I', 'L']) >= 0);
        Assert.False(AppointmentReference.IsWellFormed("VA-0OIL11"));
    }

    [Fact]
    public async Task Book_ReferenceTaken_AlreadyExists()
    {
        await using var world = await AppointmentWorld.StartAsync();
        await world.BookAsync("VA-AAAAAA");

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => world.BookAsync("VA-AAAAAA", TimeSpan.FromHours(5)));

        Assert.Contains("VA-AAAAAA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Book_NotAVeterinarian_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();

        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.BookAsync("VA-BBBBBB", vet: "receptionist-1"));

        Assert.Equal("appointment.not_a_veterinarian", error.Code);
        await Assert.ThrowsAsync<NotFoundException>(() => world.Appointment("VA-BBBBBB").GetAsync());
    }

    [Fact]
    public async Task Book_OverlappingSlot_FailsPreconditionNamingTheOtherBooking()
    {
        await using var world = await AppointmentWorld.StartAsync();
        await world.BookAsync("VA-CCCCCC", TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.BookAsync("VA-DDDDDD", TimeSpan.FromHours(1) + TimeSpan.FromMinutes(15)));

        Assert.Equal("practitioner.double_booked", error.Code);
        Assert.Contains("VA-CCCCCC", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => world.Appointment("VA-DDDDDD").GetAsync());
    }

    [Fact]
    public async Task Book_AdjacentSlotOrOtherVet_Booked()
    {
        await using var world = await AppointmentWorld.StartAsync();
        await world.BookAsync("VA-CCCCCC", TimeSpan.FromHours(1));

        await world.BookAsync("VA-DDDDDD", TimeSpan.FromHours(1.5));
        await world.BookAsync("VA-EEEEEE", TimeSpan.FromHours(1), vet: "vet-2");

        Assert.Equal(2, (await world.Practitioner("vet-1").GetAsync()).Bookings.Length);
    }

    [Theory]
    [InlineData(-1, 30, "start")]
    [InlineData(1, 2, "duration")]
    [InlineData(1, 600, "duration")]
    public async Task Book_BadSlot_InvalidArgument(int startsInHours, int minutes, string field)
    {
        await using var world = await AppointmentWorld.StartAsync();
        var booking = new BookAppointment("client-7", "pet-3", "vet-1", world.Now.AddHours(startsInHours), TimeSpan.FromMinutes(minutes), AppointmentKind.InClinic);

        var error = await Assert.ThrowsAsync<ValidationException>(() => world.Appointment("VA-FFFFFF").BookAsync(booking));

        Assert.Equal(field, Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task Get_NeverBooked_NotFound()
    {
        await using var world = await AppointmentWorld.StartAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => world.Appointment("VA-GGGGGG").GetAsync());
    }

    [Fact]
    public async Task Cancel_Booked_RemovesTimerAndSlotAndNothingFiresLater()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-HHHHHH");

        var view = await grain.CancelAsync("client asked");
        world.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(AppointmentStatus.Cancelled, view.Status);
        Assert.Equal(PayoutState.NotPayable, view.Payout);
        Assert.Equal(0, world.Builder.ReminderTable.Count);
        Assert.Empty((await world.Practitioner("vet-1").GetAsync()).Bookings);
        Assert.Empty(world.Notifier.Sent);
        var join = await Assert.ThrowsAsync<RuleViolation>(() => grain.JoinAsync(CallParty.Practitioner));
        Assert.Contains("Cancelled", join.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_AfterJoining_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-JJJJJJ");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await grain.JoinAsync(CallParty.Practitioner);

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.CancelAsync("late"));

        Assert.Equal("appointment.wrong_state", error.Code);
        Assert.Contains("InCall", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reschedule_MovesSlotAndNoShowTimer()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-KKKKKK");
        var newStart = world.Now.AddHours(3);

        await grain.RescheduleAsync(newStart, TimeSpan.FromMinutes(45));
        world.Clock.SetUtcNow(newStart);
        await grain.JoinAsync(CallParty.Practitioner);
        world.Clock.Advance(TimeSpan.FromMinutes(15));

        await Eventually.UntilAsync(() => world.Notifier.Count("VA-KKKKKK", NotificationKind.NoShowOptionOpen) == 1, "no-show option at the new start + 15 min");
        var booking = Assert.Single((await world.Practitioner("vet-1").GetAsync()).Bookings);
        Assert.Equal((newStart, newStart.AddMinutes(45)), (booking.Start, booking.End));
    }

    [Fact]
    public async Task Reschedule_OntoAnotherBooking_FailsAndKeepsTheOldSlot()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var first = await world.BookAsync("VA-MMMMMM");
        await world.BookAsync("VA-NNNNNN", TimeSpan.FromHours(3));

        await Assert.ThrowsAsync<RuleViolation>(() => first.RescheduleAsync(world.Now.AddHours(3), TimeSpan.FromMinutes(30)));

        Assert.Equal(world.Now.AddHours(1), (await first.GetAsync()).Start);
    }
}
