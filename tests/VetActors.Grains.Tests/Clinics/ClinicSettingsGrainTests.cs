using VetActors.Grains.Audit;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Clinics;

public sealed class ClinicSettingsGrainTests : IAsyncLifetime
{
    private readonly PortalCluster _c = new(new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        await _c.InitializeAsync();
        await _c.CreateClinicAsync("1", PimsKind.Avimark);
    }

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task GetPortalView_NeverChanged_HasTheDefaultsAndTheProfile()
    {
        var view = await _c.Settings("1").GetPortalViewAsync();

        Assert.Equal("Riverside 1", view.Profile.Name);
        Assert.True(view.Settings.Appointments.AllKinds);
        Assert.Equal(180, view.Settings.Appointments.HorizonDays);
        Assert.Empty(view.Settings.Widgets);
        Assert.True(view.Settings.ServiceRemindersEnabled);
        Assert.True(view.ServicesDueShown);
    }

    [Fact]
    public async Task GetPortalView_OfUnknownClinic_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _c.Settings("9").GetPortalViewAsync());
    }

    [Fact]
    public async Task Update_Valid_StoresItNormalizedAndAuditsBeforeAndAfter()
    {
        var requested = new ClinicSettings(
            new AppointmentVisibility(false, [" Exam ", "exam", "Vaccination"], 30),
            [WebsiteWidget.Reviews, WebsiteWidget.OnlineBooking, WebsiteWidget.Reviews],
            false);

        var view = await _c.Settings("1").UpdateAsync(requested, "u-7");

        Assert.Equal(["Exam", "Vaccination"], view.Settings.Appointments.Kinds);
        Assert.Equal([WebsiteWidget.OnlineBooking, WebsiteWidget.Reviews], view.Settings.Widgets);
        Assert.False(view.ServicesDueShown);
        var entry = (await AuditLog.For(_c.Grains, "1").ReadAsync(0, 100))[^1];
        Assert.Equal("clinic.settings_changed", entry.Action);
        Assert.Equal("staff:u-7", entry.Actor);
        Assert.Equal("appointments: all kinds, 180 days ahead; widgets: none; service reminders: on", entry.Before);
        Assert.Equal("appointments: Exam, Vaccination, 30 days ahead; widgets: OnlineBooking, Reviews; service reminders: off", entry.After);
    }

    [Fact]
    public async Task Update_SurvivesARestart()
    {
        await _c.Settings("1").UpdateAsync(new ClinicSettings(new AppointmentVisibility(false, ["Exam"], 14), [WebsiteWidget.Chat], true), "u-7");

        await _c.Cluster.RestartAsync();

        var view = await _c.Settings("1").GetPortalViewAsync();
        Assert.Equal(["Exam"], view.Settings.Appointments.Kinds);
        Assert.Equal(14, view.Settings.Appointments.HorizonDays);
        Assert.Equal([WebsiteWidget.Chat], view.Settings.Widgets);
    }

    [Fact]
    public async Task Update_Invalid_NamesEveryBadFieldAndChangesNothing()
    {
        var auditBefore = (await AuditLog.For(_c.Grains, "1").ReadAsync(0, 100)).Count;
        var bad = new ClinicSettings(new AppointmentVisibility(false, ["Exam", "  "], 0), [(WebsiteWidget)99], true);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _c.Settings("1").UpdateAsync(bad, "u-7"));

        Assert.Equal(
            ["settings.appointments.horizon_days", "settings.appointments.kinds", "settings.widgets"],
            error.Violations.Select(v => v.Field));
        Assert.Equal(ClinicSettings.Default.Appointments, (await _c.Settings("1").GetPortalViewAsync()).Settings.Appointments);
        Assert.Equal(auditBefore, (await AuditLog.For(_c.Grains, "1").ReadAsync(0, 100)).Count);
    }

    [Theory]
    [InlineData(366)]
    [InlineData(-1)]
    public async Task Update_HorizonOutsideOneToAYear_IsRefused(int days)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _c.Settings("1").UpdateAsync(new ClinicSettings(new AppointmentVisibility(true, [], days), [], true), "u-7"));

        Assert.Equal("settings.appointments.horizon_days", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData(PimsKind.Cornerstone, true)]
    [InlineData(PimsKind.CornerstoneCloud, false)]
    [InlineData(PimsKind.Avimark, true)]
    [InlineData(PimsKind.ImproMed, true)]
    [InlineData(PimsKind.EzyVet, false)]
    [InlineData(PimsKind.Pulse, true)]
    [InlineData(PimsKind.Other, false)]
    public async Task ServicesDueShown_NeedsThePimsAndTheSetting(PimsKind pims, bool supported)
    {
        await _c.CreateClinicAsync("k", pims);

        var on = await _c.Settings("k").GetPortalViewAsync();
        var off = await _c.Settings("k").UpdateAsync(ClinicSettings.Default with { ServiceRemindersEnabled = false }, "u-7");

        Assert.Equal(supported, on.PimsSupportsServiceReminders);
        Assert.Equal(supported, on.ServicesDueShown);
        Assert.False(off.ServicesDueShown);
    }

    [Fact]
    public void AppointmentVisibility_MatchesKindsIgnoringCaseAndSpaces()
    {
        var visibility = new AppointmentVisibility(false, ["Exam"], 30);

        Assert.True(visibility.ShowsKind(" EXAM "));
        Assert.False(visibility.ShowsKind("Surgery"));
        Assert.False(new AppointmentVisibility(false, [], 30).ShowsKind("Exam"));
        Assert.True(new AppointmentVisibility(true, [], 30).ShowsKind("Surgery"));
    }
}
