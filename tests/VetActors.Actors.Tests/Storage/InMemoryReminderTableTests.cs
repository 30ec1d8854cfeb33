using VetActors.Actors.Reminders;

namespace VetActors.Actors.Tests.Storage;

public sealed class InMemoryReminderTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly GrainId Grain = new("appointment", "clinic-1/appt/VA-1");
    private readonly InMemoryReminderTable _table = new();

    [Fact]
    public async Task ClaimDue_LeasesRowsSoASecondClaimSkipsThem()
    {
        await _table.UpsertAsync(Row("a", T0), CancellationToken.None);

        var first = await _table.ClaimDueAsync("svc", T0, 10, "silo-1", T0.AddMinutes(2), CancellationToken.None);
        var second = await _table.ClaimDueAsync("svc", T0.AddMinutes(1), 10, "silo-2", T0.AddMinutes(3), CancellationToken.None);
        var afterLease = await _table.ClaimDueAsync("svc", T0.AddMinutes(2), 10, "silo-2", T0.AddMinutes(4), CancellationToken.None);

        Assert.Single(first);
        Assert.Empty(second);
        Assert.Single(afterLease);
    }

    [Fact]
    public async Task ClaimDue_OnlyRowsDueAndOfTheService()
    {
        await _table.UpsertAsync(Row("due", T0), CancellationToken.None);
        await _table.UpsertAsync(Row("later", T0.AddHours(1)), CancellationToken.None);
        await _table.UpsertAsync(Row("other", T0) with { ServiceId = "other" }, CancellationToken.None);

        var claimed = await _table.ClaimDueAsync("svc", T0, 10, "silo", T0.AddMinutes(1), CancellationToken.None);

        Assert.Equal(["due"], claimed.Select(c => c.Name));

        // The claimed row is available again when its lease ends, before the other row falls due.
        Assert.Equal(T0.AddMinutes(1), await _table.GetNextDueAsync("svc", CancellationToken.None));
    }

    [Fact]
    public async Task Complete_OneShot_DeletesTheRow()
    {
        await _table.UpsertAsync(Row("once", T0), CancellationToken.None);
        var claimed = (await _table.ClaimDueAsync("svc", T0, 10, "silo", T0.AddMinutes(1), CancellationToken.None)).Single();

        Assert.True(await _table.CompleteAsync(claimed, null, CancellationToken.None));

        Assert.Null(await _table.ReadAsync("svc", Grain, "once", CancellationToken.None));
    }

    [Fact]
    public async Task Complete_AfterReRegistration_IsFencedAndKeepsTheNewRow()
    {
        await _table.UpsertAsync(Row("r", T0), CancellationToken.None);
        var claimed = (await _table.ClaimDueAsync("svc", T0, 10, "silo", T0.AddMinutes(1), CancellationToken.None)).Single();
        await _table.UpsertAsync(Row("r", T0.AddHours(5)), CancellationToken.None);

        Assert.False(await _table.CompleteAsync(claimed, null, CancellationToken.None));

        Assert.Equal(T0.AddHours(5), (await _table.ReadAsync("svc", Grain, "r", CancellationToken.None))!.DueAt);
    }

    [Fact]
    public async Task RetryLater_KeepsTickDueAndCountsTheAttempt()
    {
        await _table.UpsertAsync(Row("r", T0), CancellationToken.None);
        var claimed = (await _table.ClaimDueAsync("svc", T0, 10, "silo", T0.AddMinutes(1), CancellationToken.None)).Single();

        Assert.True(await _table.RetryLaterAsync(claimed, T0.AddSeconds(2), CancellationToken.None));

        var row = await _table.ReadAsync("svc", Grain, "r", CancellationToken.None);
        Assert.Equal(T0, row!.TickDue);
        Assert.Equal(T0.AddSeconds(2), row.DueAt);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(T0.AddSeconds(2), await _table.GetNextDueAsync("svc", CancellationToken.None));
    }

    [Fact]
    public async Task Complete_Periodic_MovesToTheNextSlotAndResetsAttempts()
    {
        await _table.UpsertAsync(Row("p", T0) with { Period = TimeSpan.FromHours(1), Attempts = 3 }, CancellationToken.None);
        var claimed = (await _table.ClaimDueAsync("svc", T0, 10, "silo", T0.AddMinutes(1), CancellationToken.None)).Single();

        await _table.CompleteAsync(claimed, T0.AddHours(1), CancellationToken.None);

        var row = await _table.ReadAsync("svc", Grain, "p", CancellationToken.None);
        Assert.Equal(T0.AddHours(1), row!.TickDue);
        Assert.Equal(0, row.Attempts);
    }

    private static ReminderRecord Row(string name, DateTimeOffset due) =>
        new("svc", Grain, name, due, due, due, TimeSpan.Zero, 0, "");
}
