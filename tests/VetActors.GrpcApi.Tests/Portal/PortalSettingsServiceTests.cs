using Grpc.Core;
using VetActors.Grains.Audit;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Tests.Portal;

public sealed class PortalSettingsServiceTests : IAsyncLifetime
{
    private const string Rpc = "/vetactors.portal.v1.PortalSettings/";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task GetClinicSettings_AnyStaffMember_GetsTheDefaultsAndWhetherThePimsFeedsReminders()
    {
        var response = await _world.CallAsync<GetClinicSettingsRequest, GetClinicSettingsResponse>(
            Rpc + "GetClinicSettings", new GetClinicSettingsRequest(), _world.StaffToken);

        Assert.True(response.Settings.Appointments.AllKinds);
        Assert.Equal(180, response.Settings.Appointments.HorizonDays);
        Assert.Empty(response.Settings.Widgets);
        Assert.True(response.Settings.ServiceRemindersEnabled);
        Assert.True(response.PimsSupportsServiceReminders);
    }

    [Fact]
    public async Task UpdateClinicSettings_FrontDeskWithoutBackOffice_IsPermissionDeniedAndChangesNothing()
    {
        var auditBefore = (await AuditLog.For(_host.Grains, "clinic-a").ReadAsync(0, 500)).Count;

        var error = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(_world.StaffToken, WebsiteWidget.Pharmacy));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Empty((await GetAsync()).Settings.Widgets);
        Assert.Equal(auditBefore, (await AuditLog.For(_host.Grains, "clinic-a").ReadAsync(0, 500)).Count);
    }

    [Fact]
    public async Task UpdateClinicSettings_PracticeManager_ReplacesThemAndAuditsTheChange()
    {
        var updated = await UpdateAsync(_world.ManagerToken, WebsiteWidget.Pharmacy, WebsiteWidget.OnlineBooking);

        Assert.Equal([WebsiteWidget.OnlineBooking, WebsiteWidget.Pharmacy], updated.Settings.Widgets);
        Assert.Equal(updated.Settings, (await GetAsync()).Settings);
        var entry = (await AuditLog.For(_host.Grains, "clinic-a").ReadAsync(0, 500))[^1];
        Assert.Equal("clinic.settings_changed", entry.Action);
        Assert.Contains("widgets: OnlineBooking, Pharmacy", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateClinicSettings_UnknownWidgetOrMissingAppointments_IsInvalidArgument()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(_world.AdminToken, WebsiteWidget.Unspecified));
        var missing = await Assert.ThrowsAsync<RpcException>(() => _world.CallAsync<UpdateClinicSettingsRequest, UpdateClinicSettingsResponse>(
            Rpc + "UpdateClinicSettings", new UpdateClinicSettingsRequest { Settings = new ClinicSettings() }, _world.AdminToken));

        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Contains("settings.widgets", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.Contains("settings.appointments", missing.Status.Detail, StringComparison.Ordinal);
    }

    private Task<GetClinicSettingsResponse> GetAsync() =>
        _world.CallAsync<GetClinicSettingsRequest, GetClinicSettingsResponse>(Rpc + "GetClinicSettings", new GetClinicSettingsRequest(), _world.AdminToken);

    private Task<UpdateClinicSettingsResponse> UpdateAsync(string token, params WebsiteWidget[] widgets) =>
        _world.CallAsync<UpdateClinicSettingsRequest, UpdateClinicSettingsResponse>(Rpc + "UpdateClinicSettings", new UpdateClinicSettingsRequest
        {
            Settings = new ClinicSettings
            {
                Appointments = new AppointmentVisibility { AllKinds = true, HorizonDays = 90 },
                Widgets = { widgets },
                ServiceRemindersEnabled = true,
            },
        }, token);
}
