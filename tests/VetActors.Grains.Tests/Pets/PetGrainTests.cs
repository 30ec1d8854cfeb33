using VetActors.Grains.Common;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Pets;

public sealed class PetGrainTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public async Task InitializeAsync()
    {
        await _c.InitializeAsync();
        await _c.ImportAsync(Client("c1"), Patient("p1", "c1", weight: 10m, weighed: new DateOnly(2025, 11, 1)));
    }

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task WeightChange_AutoApplied_HistoryKept()
    {
        var ack = await _c.SendAsync(Patient("p1", "c1", 2, weight: 11.2m, weighed: new DateOnly(2025, 12, 15)));

        Assert.Single(ack.Applied);
        var profile = await _c.PimsPet("p1").GetProfileAsync();
        Assert.Equal(11.2m, profile.Signalment.Weight!.Value);
        Assert.Equal([10m, 11.2m], profile.WeightHistory.Select(w => w.Value));
    }

    [Fact]
    public async Task DeceasedChange_AutoApplied_DropsOutOfRemindersAndNotificationsAndFlagsFutureAppointments()
    {
        var now = _c.Time.GetUtcNow();
        await _c.SendAsync(
            Reminder("s1", "p1", new DateOnly(2026, 2, 1)),
            Appointment("past", "p1", now.AddDays(-3), status: "completed"),
            Appointment("soon", "p1", now.AddDays(3)));
        Assert.True(await _c.PimsPet("p1").CanNotifyAsync());

        await _c.SendAsync(Patient("p1", "c1", 2, deceased: true));

        var pet = _c.PimsPet("p1");
        Assert.True((await pet.GetProfileAsync()).Signalment.Deceased);
        Assert.Empty(await pet.GetServiceRemindersAsync());
        Assert.Empty(await pet.GetUpcomingServicesAsync());
        Assert.False(await pet.CanNotifyAsync());
        var appointments = await pet.GetAppointmentsAsync();
        Assert.Equal("patient_deceased", appointments.Single(a => a.PimsId == "soon").StaffFlag);
        Assert.Null(appointments.Single(a => a.PimsId == "past").StaffFlag);
    }

    [Fact]
    public async Task ServiceReminders_WindowsAndCompletion_OverdueShownFarAndCompletedExcluded()
    {
        await _c.SendAsync(
            Reminder("overdue", "p1", new DateOnly(2025, 12, 1)),
            Reminder("soon", "p1", new DateOnly(2026, 5, 1)),
            Reminder("far", "p1", new DateOnly(2026, 9, 1)),
            Reminder("done", "p1", new DateOnly(2026, 2, 1), completed: true));

        var pet = _c.PimsPet("p1");

        Assert.Equal(["overdue", "soon"], (await pet.GetServiceRemindersAsync()).Select(r => r.PimsId));
        Assert.Equal(["soon"], (await pet.GetUpcomingServicesAsync()).Select(r => r.PimsId));
    }

    [Fact]
    public async Task Rename_ByStaffWithReason_AuditLinksNamesAndFlagsActivePrescriptions()
    {
        await _c.SendAsync(Prescription("rx-active", "p1"), Prescription("rx-done", "p1", status: "completed"));

        var change = await _c.PimsPet("p1").RenameAsync("Rexford", "Owner asked at check-in", "staff-7");

        Assert.Equal(("Rex", "Rexford", "staff-7", "985000000000001"), (change.OldName, change.NewName, change.ChangedBy, change.Microchip));
        Assert.Equal(["rx-active"], change.FlaggedPrescriptionIds);
        var prescriptions = await _c.PimsPet("p1").GetPrescriptionsAsync();
        Assert.Equal("Rex", prescriptions.Single(p => p.PimsId == "rx-active").WrittenForName);
        Assert.False(prescriptions.Single(p => p.PimsId == "rx-done").RewriteRequired);
        Assert.Equal("Rexford", (await _c.PimsPet("p1").GetProfileAsync()).Signalment.Name);
    }

    [Fact]
    public async Task Rename_WithoutReason_InvalidAndNothingChanges()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _c.PimsPet("p1").RenameAsync("Max", " ", "staff-7"));

        Assert.Contains(error.Violations, v => v.Field == "reason");
        Assert.Equal("Rex", (await _c.PimsPet("p1").GetProfileAsync()).Signalment.Name);
        Assert.Empty(await _c.PimsPet("p1").GetNameHistoryAsync());
    }

    [Fact]
    public async Task DataAsOf_EachPimsConfirmation_Moves()
    {
        var before = (await _c.PimsPet("p1").GetProfileAsync()).DataAsOf;
        _c.Time.Advance(TimeSpan.FromMinutes(5));

        await _c.SendAsync(Client("c1", 2), Patient("p1", "c1", 2));

        Assert.Equal(before!.Value.AddMinutes(5), (await _c.PimsPet("p1").GetProfileAsync()).DataAsOf);
        Assert.Equal(before.Value.AddMinutes(5), (await _c.PimsClient("c1").GetProfileAsync()).DataAsOf);
    }

    [Fact]
    public async Task OutOfOrderItem_OlderVersionOfAppointment_Ignored()
    {
        var start = _c.Time.GetUtcNow().AddDays(2);
        await _c.SendAsync(Appointment("a1", "p1", start, version: 5, status: "confirmed"));

        await _c.SendAsync(Appointment("a1", "p1", start, version: 4, status: "booked"));

        Assert.Equal("confirmed", Assert.Single(await _c.PimsPet("p1").GetAppointmentsAsync()).Status);
    }
}
