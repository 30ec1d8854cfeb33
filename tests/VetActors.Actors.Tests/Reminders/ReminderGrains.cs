using VetActors.Actors.Reminders;
using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Reminders;

internal interface IDeadlineGrain : IGrainWithStringKey
{
    Task ScheduleAsync(string name, DateTimeOffset dueAt);

    Task ScheduleManyAsync(string prefix, int count, DateTimeOffset dueAt);

    Task RegisterPeriodicAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task<bool> CancelAsync(string name);

    Task<IReadOnlyList<string>> ListAsync();

    Task FailNextDeliveriesAsync(int count);
}

internal sealed class DeadlineGrain(Probe probe) : Grain, IDeadlineGrain, IRemindable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> s_failuresLeft = new();

    public Task ScheduleAsync(string name, DateTimeOffset dueAt) => RegisterOrUpdateOneShotReminder(name, dueAt);

    public async Task ScheduleManyAsync(string prefix, int count, DateTimeOffset dueAt)
    {
        for (var i = 0; i < count; i++)
        {
            await RegisterOrUpdateOneShotReminder($"{prefix}{i}", dueAt.AddMilliseconds(i % 1000));
        }
    }

    public Task RegisterPeriodicAsync(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task<bool> CancelAsync(string name)
    {
        var reminder = await GetReminder(name);
        if (reminder is null)
        {
            return false;
        }

        await UnregisterReminder(reminder);
        return true;
    }

    public async Task<IReadOnlyList<string>> ListAsync() => [.. (await GetReminders()).Select(r => r.ReminderName)];

    public Task FailNextDeliveriesAsync(int count)
    {
        s_failuresLeft[this.GetPrimaryKeyString()] = count;
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var key = this.GetPrimaryKeyString();
        if (s_failuresLeft.TryGetValue(key, out var left) && left > 0)
        {
            s_failuresLeft[key] = left - 1;
            probe.Record($"{key}:{reminderName} failed attempt={status.Attempt}");
            throw new InvalidOperationException("the practitioner account service is down");
        }

        probe.Record($"{key}:{reminderName} due={status.CurrentTickTime:O} attempt={status.Attempt} oneShot={status.IsOneShot}");
        probe.Increment($"{key}:{reminderName}");
        probe.Increment("delivered");
        return Task.CompletedTask;
    }
}

internal interface IForgetfulGrain : IGrainWithStringKey
{
    Task TryRegisterAsync();
}

/// <summary>Registers a reminder without implementing IRemindable, which must be refused.</summary>
internal sealed class ForgetfulGrain : Grain, IForgetfulGrain
{
    public Task TryRegisterAsync() => RegisterOrUpdateOneShotReminder("x", TimeSpan.FromMinutes(1));
}
