using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VetActors.Actors.Postgres;
using VetActors.Grains.Appointments;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Postgres;

/// <summary>The deadlines are durable: a silo killed before they fall due delivers them once after restarting.</summary>
public sealed class AppointmentDurabilityTests
{
    [Fact]
    public async Task RecordDeadline_SiloKilledAfterCallEnded_FiresOnceAfterRestartAndPausesOnce()
    {
        await using var dataSource = await PostgresTestServer.CreateDatabaseAsync();
        await using var world = await StartOverPostgresAsync(dataSource);
        await world.HoldCallAsync("VA-DURAB1");

        await world.Cluster.KillAsync();
        world.Clock.Advance(TimeSpan.FromHours(25));
        await world.Cluster.StartAsync();

        await Eventually.UntilAsync(async () => (await world.Practitioner("vet-1").GetAsync()).Paused, "paused after restart");
        await Eventually.UntilAsync(async () => await ReminderRowsAsync(dataSource) == 0, "deadline rows consumed");
        await world.Cluster.KillAsync();
        world.Clock.Advance(TimeSpan.FromDays(2));
        await world.Cluster.StartAsync();
        var view = await world.Appointment("VA-DURAB1").GetAsync();
        var schedule = await world.Practitioner("vet-1").GetAsync();

        Assert.Equal((true, PayoutState.Held), (view.RecordOverdue, view.Payout));
        Assert.Equal((true, 1), (schedule.Paused, schedule.PauseCount));
        Assert.Equal(1, world.Notifier.Count("VA-DURAB1", NotificationKind.RecordOverdue));
        Assert.Single(await world.SupportDesk.ListAsync(openOnly: true));
        Assert.Equal(0, world.Cluster.RemindersInFlight);
    }

    [Fact]
    public async Task NoShowTimer_SiloKilledAfterPractitionerJoined_NotifiesOnceAfterRestart()
    {
        await using var dataSource = await PostgresTestServer.CreateDatabaseAsync();
        await using var world = await StartOverPostgresAsync(dataSource);
        var grain = await world.BookAsync("VA-DURAB2");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await grain.JoinAsync(CallParty.Practitioner);

        await world.Cluster.KillAsync();
        world.Clock.Advance(TimeSpan.FromMinutes(16));
        await world.Cluster.StartAsync();

        await Eventually.UntilAsync(() => world.Notifier.Count("VA-DURAB2", NotificationKind.NoShowOptionOpen) == 1, "no-show option after restart");
        await Eventually.UntilAsync(async () => await ReminderRowsAsync(dataSource) == 0, "timer row consumed");
        await world.Cluster.KillAsync();
        world.Clock.Advance(TimeSpan.FromHours(1));
        await world.Cluster.StartAsync();
        var view = await world.Appointment("VA-DURAB2").DeclareNoShowAsync();

        Assert.Equal(1, world.Notifier.Count("VA-DURAB2", NotificationKind.NoShowOptionOpen));
        Assert.Equal((AppointmentStatus.NoShow, PayoutState.AwaitingSupportDecision), (view.Status, view.Payout));
    }

    [Fact]
    public async Task CompletedRecord_SiloKilledBeforeTheDeadline_NothingFiresAfterRestart()
    {
        await using var dataSource = await PostgresTestServer.CreateDatabaseAsync();
        await using var world = await StartOverPostgresAsync(dataSource);
        var grain = await world.HoldCallAsync("VA-DURAB3");
        await grain.CompleteRecordAsync(AppointmentWorld.Record());

        await world.Cluster.KillAsync();
        world.Clock.Advance(TimeSpan.FromHours(30));
        await world.Cluster.StartAsync();
        var view = await world.Appointment("VA-DURAB3").GetAsync();

        Assert.Equal(0, await ReminderRowsAsync(dataSource));
        Assert.Equal((AppointmentStatus.Completed, PayoutState.DueInFull, "Otitis externa, left ear."), (view.Status, view.Payout, view.Record!.MedicalRecord));
        Assert.False((await world.Practitioner("vet-1").GetAsync()).Paused);
        Assert.Empty(world.Notifier.Sent);
    }

    private static Task<AppointmentWorld> StartOverPostgresAsync(NpgsqlDataSource dataSource) =>
        AppointmentWorld.StartAsync(services => services.AddPostgresGrainStorage(dataSource).AddPostgresReminders(dataSource));

    private static async Task<long> ReminderRowsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM vetactors_reminders");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
