using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Testing;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;
using VetActors.Grains.Sync;
using VetActors.Grains.Sync.Internal;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

/// <summary>
/// The stale alert through the production path: the sync grain's reminder, <see cref="OutboxClinicNotifier"/> and the
/// outbox, to the clinic's Site Administrators only, after the configured (here non-default) time.
/// </summary>
public sealed partial class StaleAlertEmailTests : IAsyncLifetime
{
    private const string Clinic = "42";
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);
    private TestCluster _cluster = null!;

    private InMemoryOutbox Outbox => (InMemoryOutbox)_cluster.Services.GetRequiredService<IOutbox>();

    private IPimsSyncGrain Sync => _cluster.GrainFactory.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(Clinic));

    private IStaffRosterGrain Roster => _cluster.GrainFactory.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(Clinic));

    public async Task InitializeAsync()
    {
        _cluster = await new TestClusterBuilder()
            .AddGrainsFromAssembly(typeof(IPimsSyncGrain).Assembly)
            .ConfigureServices(s => s
                .AddSingleton<IOutbox, InMemoryOutbox>()
                .AddSingleton<IClinicNotifier, OutboxClinicNotifier>()
                .Configure<PimsSyncOptions>(o => o.StaleAfter = StaleAfter)
                .Configure<IdentityOptions>(o => o.PasswordHashIterations = 1_000))
            .BuildAndStartAsync();
        await _cluster.GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic(Clinic)).CreateAsync(new NewClinic(
            new ClinicProfile(Clinic, "Springfield Animal Hospital", "1 Main St", "+1 555 010 0199", "https://clinic.example", "Mon-Fri 8-18",
                "America/Chicago", "+1 555 010 0100", PimsKind.Avimark, "P-42"),
            "front desk password 1"));

        var admin = await Roster.InviteFirstAdministratorAsync("admin", "Ada Admin", "admin@clinic.example");
        Assert.True(BearerToken.TryParse(InvitationToken().Match(Outbox.Messages[^1].Body).Value, BearerToken.InvitationKind, out _, out var id, out var secret));
        await Roster.AcceptInvitationAsync(id, secret, "correct horse battery", null);
        await Roster.AddMemberAsync(admin.UserId, new StaffMemberDraft("owner", "Olive Owner", "owner@clinic.example", StaffRole.SiteAdministrator, false));
        await Roster.AddMemberAsync(admin.UserId, new StaffMemberDraft("manager", "Max Manager", "manager@clinic.example", StaffRole.PracticeManager, false));
        await Roster.AddMemberAsync(admin.UserId, new StaffMemberDraft("desk", "Dee Desk", "desk@clinic.example", StaffRole.Staff, false));
        var gone = await Roster.AddMemberAsync(admin.UserId, new StaffMemberDraft("former", "Fay Former", "former@clinic.example", StaffRole.SiteAdministrator, false));
        await Roster.DeactivateMemberAsync(admin.UserId, gone.UserId);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private OutgoingMessage[] Stale() => [.. Outbox.Messages.Where(m => m.Subject == "PIMS sync has stopped")];

    private async Task SettleAsync() => await Guard.UntilAsync(() => _cluster.RemindersInFlight == 0, "reminders to settle");

    [Fact]
    public async Task NoActivityForTheConfiguredTime_SiteAdministratorsEmailedOnceThroughTheOutbox()
    {
        var session = await Sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, true, null));
        await Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("c1")], EndOfImport: true));
        var lastActivity = _cluster.TimeProvider.GetUtcNow();

        _cluster.TimeProvider.Advance(StaleAfter - TimeSpan.FromMinutes(1));
        await SettleAsync();
        Assert.Empty(Stale());
        Assert.Equal(IntegrationState.Live, (await Sync.GetStatusAsync()).State);

        _cluster.TimeProvider.Advance(TimeSpan.FromMinutes(2));
        await Guard.UntilAsync(() => Stale().Length == 2, "stale alert to both Site Administrators");
        _cluster.TimeProvider.Advance(TimeSpan.FromMinutes(30));
        await SettleAsync();

        var sent = Stale();
        Assert.Equal(["admin@clinic.example", "owner@clinic.example"], sent.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(sent, m => Assert.Equal((Clinic, MessageChannel.Email), (m.ClinicId, m.Channel)));
        Assert.Contains($"since {lastActivity:u}", sent[0].Body, StringComparison.Ordinal);
        Assert.Contains("sync agent is running", sent[0].Body, StringComparison.Ordinal);
        var status = await Sync.GetStatusAsync();
        Assert.Equal((IntegrationState.Stale, StaleAfter), (status.State, status.StaleAfter));
    }

    [Fact]
    public async Task HeartbeatsWithinTheConfiguredTime_NoAlert()
    {
        var session = await Sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, true, null));
        await Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("c1")], EndOfImport: true));

        for (var i = 0; i < 6; i++)
        {
            _cluster.TimeProvider.Advance(StaleAfter - TimeSpan.FromMinutes(1));
            await SettleAsync();
            await Sync.HeartbeatAsync(session.SessionId);
        }

        Assert.Empty(Stale());
        Assert.Equal(IntegrationState.Live, (await Sync.GetStatusAsync()).State);
    }

    [Fact]
    public async Task ClinicStaleTimeSetBySiteAdministrator_OverridesTheConfiguredOne()
    {
        var session = await Sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, true, null));
        await Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("c1")], EndOfImport: true));

        Assert.Equal(TimeSpan.FromMinutes(2), await Sync.SetStaleAfterAsync(TimeSpan.FromMinutes(2), "admin"));
        _cluster.TimeProvider.Advance(TimeSpan.FromSeconds(90));
        await SettleAsync();
        Assert.Empty(Stale());
        _cluster.TimeProvider.Advance(TimeSpan.FromMinutes(1));

        await Guard.UntilAsync(() => Stale().Length == 2, "stale alert after the clinic's 2 minutes");
        Assert.Equal(TimeSpan.FromMinutes(2), (await Sync.GetStatusAsync()).StaleAfter);
    }

    [Fact]
    public async Task ClinicStaleTimeLengthened_StaleIntegrationCurrentAgain_AndDefaultRestoredWithNull()
    {
        var session = await Sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, true, null));
        await Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("c1")], EndOfImport: true));
        _cluster.TimeProvider.Advance(StaleAfter + TimeSpan.FromMinutes(2));
        await Guard.UntilAsync(() => Stale().Length == 2, "stale alert");

        await Sync.SetStaleAfterAsync(TimeSpan.FromHours(1), "admin");
        Assert.Equal(IntegrationState.Live, (await Sync.GetStatusAsync()).State);

        Assert.Equal(StaleAfter, await Sync.SetStaleAfterAsync(null, "admin"));
        Assert.Equal(StaleAfter, (await Sync.GetStatusAsync()).StaleAfter);
    }

    [Theory]
    [InlineData(59)]
    [InlineData(7 * 24 * 3600 + 1)]
    public async Task ClinicStaleTimeOutOfRange_Refused(int seconds)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Sync.SetStaleAfterAsync(TimeSpan.FromSeconds(seconds), "admin"));

        Assert.Equal("stale_after_seconds", Assert.Single(error.Violations).Field);
        Assert.Equal(StaleAfter, (await Sync.GetStatusAsync()).StaleAfter);
    }

    [GeneratedRegex(@"vi~[A-Za-z0-9._-]+~[A-Za-z0-9_-]+~[A-Za-z0-9_-]+")]
    private static partial Regex InvitationToken();
}
