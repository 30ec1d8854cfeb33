using VetActors.Grains.Common;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Pets;

/// <summary>The pet's whole record as staff read it (<c>GetRecordAsync</c>).</summary>
public sealed class PetRecordTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();
    private DateOnly _today;

    public async Task InitializeAsync()
    {
        await _c.InitializeAsync();
        _today = DateOnly.FromDateTime(_c.Time.GetUtcNow().UtcDateTime);
        await _c.ImportAsync(
            Client("c1"), Patient("p1", "c1"),
            Reminder("s-done", "p1", _today.AddMonths(-1), completed: true), Reminder("s-far", "p1", _today.AddYears(2)), Reminder("s-soon", "p1", _today.AddMonths(1)),
            Vaccination("v1", "p1", _today.AddMonths(-2)), Prescription("rx1", "p1"), Appointment("a1", "p1", _c.Time.GetUtcNow().AddDays(3)));
    }

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task GetRecord_EveryReminderEvenCompletedAndFarOff_ByDueDateWhereTheOwnerListShowsOnlyOpenSoonOnes()
    {
        var record = await _c.PimsPet("p1").GetRecordAsync();

        Assert.Equal(["s-done", "s-soon", "s-far"], record.Reminders.Select(r => r.PimsId));
        Assert.Equal(["s-soon"], (await _c.PimsPet("p1").GetServiceRemindersAsync()).Select(r => r.PimsId));
    }

    [Fact]
    public async Task GetRecord_OwnerAsThePimsNamesIt_AndEveryKindOfRecord()
    {
        var record = await _c.PimsPet("p1").GetRecordAsync();

        Assert.Equal((PimsSyncKeys.ClientIdFor("c1"), "c1", "p1"), (record.Profile.OwnerClientId, record.OwnerPimsId, record.Profile.PimsId));
        Assert.Equal((1, 1, 1), (record.Appointments.Count, record.Vaccinations.Count, record.Prescriptions.Count));
        Assert.Empty(record.NameHistory);
    }

    [Fact]
    public async Task GetRecord_AfterRename_NameHistoryAndFlaggedPrescription()
    {
        await _c.PimsPet("p1").RenameAsync("Rexford", "Owner's request", "staff-1");

        var record = await _c.PimsPet("p1").GetRecordAsync();

        Assert.Equal(("Rex", "Rexford", "staff-1"), (Assert.Single(record.NameHistory).OldName, record.NameHistory[0].NewName, record.NameHistory[0].ChangedBy));
        Assert.True(Assert.Single(record.Prescriptions).RewriteRequired);
    }

    [Fact]
    public async Task GetRecord_DeceasedPet_RemindersStayOnRecordWhileTheOwnerListIsEmpty()
    {
        await _c.SendAsync(Patient("p1", "c1", version: 2, deceased: true));

        var record = await _c.PimsPet("p1").GetRecordAsync();

        Assert.Equal(3, record.Reminders.Count);
        Assert.Empty(await _c.PimsPet("p1").GetServiceRemindersAsync());
        Assert.Equal("patient_deceased", Assert.Single(record.Appointments).StaffFlag);
    }

    [Fact]
    public async Task GetRecord_UnknownPet_NotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _c.PimsPet("nobody").GetRecordAsync());
    }
}
