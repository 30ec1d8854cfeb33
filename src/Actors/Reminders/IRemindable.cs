namespace VetActors.Actors.Reminders;

/// <summary>A grain that receives durable reminder ticks and one-shot reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>
    /// Delivers one tick. Delivery is at least once: a tick whose delivery throws is retried with back-off,
    /// and a tick may arrive again after a crash, so handle it idempotently (<see cref="TickStatus.CurrentTickTime"/>
    /// identifies the tick).
    /// </summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
