using VetActors.Actors.Reminders;

namespace VetActors.Actors;

public abstract partial class Grain
{
    /// <summary>
    /// Registers (or replaces) a durable periodic reminder, delivered to <see cref="IRemindable.ReceiveReminder"/>
    /// from <paramref name="dueTime"/> on, every <paramref name="period"/> (at least
    /// <see cref="ActorRuntimeOptions.MinimumReminderPeriod"/>). Returns once the row is durable.
    /// </summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        var minimum = _activation.Runtime.Options.MinimumReminderPeriod;
        if (period < minimum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(period), period, $"A reminder period must be at least {minimum}; use RegisterOrUpdateOneShotReminder for a single tick.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        return _activation.Runtime.Reminders.RegisterAsync(_activation, reminderName, _activation.Runtime.Time.GetUtcNow() + dueTime, period);
    }

    /// <summary>
    /// Registers (or replaces) a durable one-shot reminder: delivered once, at least once, at
    /// <paramref name="dueAt"/> or as soon as possible after it (also after downtime), with that due time in
    /// <see cref="TickStatus.CurrentTickTime"/>; then removed. Cancel it with <see cref="UnregisterReminder"/>.
    /// </summary>
    protected Task<IGrainReminder> RegisterOrUpdateOneShotReminder(string reminderName, DateTimeOffset dueAt) =>
        _activation.Runtime.Reminders.RegisterAsync(_activation, reminderName, dueAt, TimeSpan.Zero);

    /// <summary>Registers a one-shot reminder due <paramref name="dueTime"/> from now.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateOneShotReminder(string reminderName, TimeSpan dueTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        return RegisterOrUpdateOneShotReminder(reminderName, _activation.Runtime.Time.GetUtcNow() + dueTime);
    }

    /// <summary>The reminder of that name, or <c>null</c>.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => _activation.Runtime.Reminders.GetAsync(_activation, reminderName);

    /// <summary>Every reminder of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => _activation.Runtime.Reminders.GetAllAsync(_activation);

    /// <summary>Removes a reminder (periodic or one-shot); a tick already being delivered may still arrive once.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return _activation.Runtime.Reminders.UnregisterAsync(_activation, reminder.ReminderName);
    }
}
