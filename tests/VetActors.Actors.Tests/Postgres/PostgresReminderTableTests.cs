using System.Collections.Concurrent;
using VetActors.Actors.Postgres;
using VetActors.Actors.Reminders;

namespace VetActors.Actors.Tests.Postgres;

public sealed class PostgresReminderTableTests : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly PostgresReminderTable _table;

    public PostgresReminderTableTests(PostgresDatabaseFixture database)
    {
        _table = new PostgresReminderTable(database.DataSource);
    }

    [Fact]
    public async Task UpsertAsync_NewReminder_StoresItWithVersionOne()
    {
        var service = NewService();
        var grain = new GrainId("appointment", "clinic-42/appt/VA-7K3M9Q");

        var stored = await _table.UpsertAsync(OneShot(service, grain, "no-show", T0.AddMinutes(15)), CancellationToken.None);

        Assert.Equal("1", stored.Etag);
        Assert.Equal(stored, await _table.ReadAsync(service, grain, "no-show", CancellationToken.None));
        Assert.True(stored.IsOneShot);
        Assert.Equal(T0.AddMinutes(15), stored.DueAt);
    }

    [Fact]
    public async Task UpsertAsync_ExistingReminder_ReplacesScheduleAndBumpsVersion()
    {
        var service = NewService();
        var grain = new GrainId("appointment", "a1");
        await _table.UpsertAsync(OneShot(service, grain, "deadline", T0), CancellationToken.None);

        var replaced = await _table.UpsertAsync(Periodic(service, grain, "deadline", T0.AddHours(1), TimeSpan.FromHours(24)), CancellationToken.None);

        Assert.Equal("2", replaced.Etag);
        Assert.Equal(TimeSpan.FromHours(24), replaced.Period);
        Assert.Equal(T0.AddHours(1), replaced.DueAt);
    }

    [Fact]
    public async Task UpsertAsync_NonUtcOffset_StoresTheSameInstant()
    {
        var service = NewService();
        var grain = new GrainId("appointment", "a1");
        var dueInParis = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(1));

        var stored = await _table.UpsertAsync(OneShot(service, grain, "r", dueInParis), CancellationToken.None);

        Assert.Equal(T0, stored.DueAt);
    }

    [Fact]
    public async Task ReadForGrainAsync_ReturnsOnlyThatGrainsReminders()
    {
        var service = NewService();
        var grain = new GrainId("appointment", "a1");
        await _table.UpsertAsync(OneShot(service, grain, "b", T0), CancellationToken.None);
        await _table.UpsertAsync(OneShot(service, grain, "a", T0), CancellationToken.None);
        await _table.UpsertAsync(OneShot(service, new GrainId("appointment", "a2"), "a", T0), CancellationToken.None);
        await _table.UpsertAsync(OneShot(service, new GrainId("pet", "a1"), "a", T0), CancellationToken.None);

        var reminders = await _table.ReadForGrainAsync(service, grain, CancellationToken.None);

        Assert.Equal(["a", "b"], reminders.Select(r => r.Name));
    }

    [Fact]
    public async Task RemoveAsync_ExistingThenMissing_ReportsWhetherItDeleted()
    {
        var service = NewService();
        var grain = new GrainId("appointment", "a1");
        await _table.UpsertAsync(OneShot(service, grain, "r", T0), CancellationToken.None);

        Assert.True(await _table.RemoveAsync(service, grain, "r", CancellationToken.None));
        Assert.False(await _table.RemoveAsync(service, grain, "r", CancellationToken.None));
        Assert.Null(await _table.ReadAsync(service, grain, "r", CancellationToken.None));
    }

    [Fact]
    public async Task ClaimDueAsync_ReturnsDueRowsOnceAndLeavesFutureRows()
    {
        var service = NewService();
        await _table.UpsertAsync(OneShot(service, new GrainId("appointment", "late"), "r", T0.AddSeconds(-30)), CancellationToken.None);
        await _table.UpsertAsync(OneShot(service, new GrainId("appointment", "now"), "r", T0), CancellationToken.None);
        await _table.UpsertAsync(OneShot(service, new GrainId("appointment", "future"), "r", T0.AddSeconds(1)), CancellationToken.None);
        await _table.UpsertAsync(OneShot(NewService(), new GrainId("appointment", "other-service"), "r", T0), CancellationToken.None);

        var claimed = await _table.ClaimDueAsync(service, T0, 10, "silo-a", T0 + Lease, CancellationToken.None);
        var again = await _table.ClaimDueAsync(service, T0, 10, "silo-b", T0 + Lease, CancellationToken.None);

        Assert.Equal(["late", "now"], claimed.Select(r => r.GrainId.Key));
        Assert.All(claimed, r => Assert.Equal("2", r.Etag));
        Assert.Empty(again);
    }

    [Fact]
    public async Task ClaimDueAsync_MaxCount_LimitsTheClaimToTheMostOverdue()
    {
        var service = NewService();
        for (var i = 0; i < 5; i++)
        {
            await _table.UpsertAsync(OneShot(service, new GrainId("appointment", $"a{i}"), "r", T0.AddSeconds(-i)), CancellationToken.None);
        }

        var claimed = await _table.ClaimDueAsync(service, T0, 2, "silo-a", T0 + Lease, CancellationToken.None);

        Assert.Equal(["a4", "a3"], claimed.Select(r => r.GrainId.Key));
    }

    [Fact]
    public async Task ClaimDueAsync_ExpiredLease_IsClaimedAgainAndOldClaimCannotAcknowledge()
    {
        var service = NewService();
        var grain = new GrainId("appointment", "a1");
        await _table.UpsertAsync(OneShot(service, grain, "r", T0), CancellationToken.None);
        var first = Assert.Single(await _table.ClaimDueAsync(service, T0, 10, "silo-a", T0 + Lease, CancellationToken.None));

        Assert.Empty(await _table.ClaimDueAsync(service, T0 + Lease - TimeSpan.FromSeconds(1), 10, "silo-b", T0 + Lease * 2, CancellationToken.None));
        var second = Assert.Single(await _table.ClaimDueAsync(service, T0 + Lease, 10, "silo-b", T0 + Lease * 2, CancellationToken.None));

        Assert.NotEqual(first.Etag, second.Etag);
        Assert.Equal(T0, second.TickDue);
        Assert.False(await _table.CompleteAsync(first, null, CancellationToken.None));
        Assert.True(await _table.CompleteAsync(second, null, CancellationToken.None));
        Assert.Null(await _table.ReadAsync(service, grain, "r", CancellationToken.None));
    }

    [Fact]
    public async Task CompleteAsync_PeriodicReminder_MovesToNextTickAndClearsAttempts()
    {
        var service = NewService();
        var grain = new GrainId("clinic", "clinic-42");
        await _table.UpsertAsync(Periodic(service, grain, "daily", T0, TimeSpan.FromDays(1)), CancellationToken.None);
        var claim = Assert.Single(await _table.ClaimDueAsync(service, T0, 10, "silo-a", T0 + Lease, CancellationToken.None));
        Assert.True(await _table.RetryLaterAsync(claim, T0.AddSeconds(2), CancellationToken.None));
        var retry = Assert.Single(await _table.ClaimDueAsync(service, T0.AddSeconds(2), 10, "silo-a", T0 + Lease, CancellationToken.None));

        Assert.True(await _table.CompleteAsync(retry, T0.AddDays(1), CancellationToken.None));

        var next = (await _table.ReadAsync(service, grain, "daily", CancellationToken.None))!;
        Assert.Equal(T0.AddDays(1), next.TickDue);
        Assert.Equal(T0.AddDays(1), next.DueAt);
        Assert.Equal(T0, next.FirstDue);
        Assert.Equal(0, next.Attempts);
        Assert.Equal(T0.AddDays(1), await _table.GetNextDueAsync(service, CancellationToken.None));
    }

    [Fact]
    public async Task CompleteAsync_ReminderReRegisteredDuringDelivery_ReturnsFalseAndKeepsNewSchedule()
    {
        var service = NewService();
        var grain = new GrainId("appointment", "a1");
        await _table.UpsertAsync(OneShot(service, grain, "r", T0), CancellationToken.None);
        var claim = Assert.Single(await _table.ClaimDueAsync(service, T0, 10, "silo-a", T0 + Lease, CancellationToken.None));
        await _table.UpsertAsync(OneShot(service, grain, "r", T0.AddHours(1)), CancellationToken.None);

        Assert.False(await _table.CompleteAsync(claim, null, CancellationToken.None));
        Assert.False(await _table.RetryLaterAsync(claim, T0.AddSeconds(5), CancellationToken.None));

        Assert.Equal(T0.AddHours(1), (await _table.ReadAsync(service, grain, "r", CancellationToken.None))!.DueAt);
    }

    [Fact]
    public async Task RetryLaterAsync_FailedDelivery_KeepsOriginalTickAndCountsAttempts()
    {
        var service = NewService();
        var grain = new GrainId("appointment", "a1");
        await _table.UpsertAsync(OneShot(service, grain, "r", T0), CancellationToken.None);
        var claim = Assert.Single(await _table.ClaimDueAsync(service, T0, 10, "silo-a", T0 + Lease, CancellationToken.None));

        Assert.True(await _table.RetryLaterAsync(claim, T0.AddSeconds(4), CancellationToken.None));
        Assert.False(await _table.RetryLaterAsync(claim, T0.AddSeconds(4), CancellationToken.None));

        Assert.Empty(await _table.ClaimDueAsync(service, T0.AddSeconds(3), 10, "silo-a", T0 + Lease, CancellationToken.None));
        var retried = Assert.Single(await _table.ClaimDueAsync(service, T0.AddSeconds(4), 10, "silo-a", T0 + Lease, CancellationToken.None));
        Assert.Equal(T0, retried.TickDue);
        Assert.Equal(T0.AddSeconds(4), retried.DueAt);
        Assert.Equal(1, retried.Attempts);
    }

    [Fact]
    public async Task GetNextDueAsync_LeasedRow_IsNextDueWhenItsLeaseEnds()
    {
        var service = NewService();
        Assert.Null(await _table.GetNextDueAsync(service, CancellationToken.None));
        await _table.UpsertAsync(OneShot(service, new GrainId("appointment", "leased"), "r", T0), CancellationToken.None);
        await _table.UpsertAsync(OneShot(service, new GrainId("appointment", "later"), "r", T0.AddMinutes(5)), CancellationToken.None);
        Assert.Equal(T0, await _table.GetNextDueAsync(service, CancellationToken.None));

        await _table.ClaimDueAsync(service, T0, 10, "silo-a", T0 + Lease, CancellationToken.None);

        Assert.Equal(T0 + Lease, await _table.GetNextDueAsync(service, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimDueAsync_TenThousandOneShotsDueInOneSecondAndTwoClaimers_ClaimsEachExactlyOnce()
    {
        const int count = 10_000;
        var service = NewService();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await _table.UpsertAsync(OneShot(service, new GrainId("appointment", $"clinic-1/appt/{i}"), "no-show", T0.AddTicks(i * 1000)), ct));
        var now = T0.AddSeconds(1);
        var deliveries = new ConcurrentBag<string>();

        async Task ClaimUntilEmptyAsync(string owner)
        {
            while (true)
            {
                var claimed = await _table.ClaimDueAsync(service, now, 250, owner, now + Lease, CancellationToken.None);
                if (claimed.Count == 0)
                {
                    return;
                }

                foreach (var reminder in claimed)
                {
                    deliveries.Add(reminder.GrainId.Key);
                }

                await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, ct) =>
                    Assert.True(await _table.CompleteAsync(r, null, ct)));
            }
        }

        await Task.WhenAll(Task.Run(() => ClaimUntilEmptyAsync("silo-a")), Task.Run(() => ClaimUntilEmptyAsync("silo-b")));

        Assert.Equal(count, deliveries.Count);
        Assert.Equal(count, deliveries.Distinct().Count());
        Assert.Null(await _table.GetNextDueAsync(service, CancellationToken.None));
    }

    private static string NewService() => $"svc-{Guid.NewGuid():N}";

    private static ReminderRecord OneShot(string service, GrainId grain, string name, DateTimeOffset due) =>
        new(service, grain, name, due, due, due, TimeSpan.Zero, 0, string.Empty);

    private static ReminderRecord Periodic(string service, GrainId grain, string name, DateTimeOffset first, TimeSpan period) =>
        new(service, grain, name, first, first, first, period, 0, string.Empty);
}
