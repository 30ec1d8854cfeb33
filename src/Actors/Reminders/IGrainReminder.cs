namespace VetActors.Actors.Reminders;

/// <summary>A handle on a registered reminder; persist its name, not the handle.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }

    /// <summary>When the next tick is due.</summary>
    DateTimeOffset NextDue { get; }

    /// <summary>The period; <see cref="TimeSpan.Zero"/> for a one-shot reminder.</summary>
    TimeSpan Period { get; }
}
