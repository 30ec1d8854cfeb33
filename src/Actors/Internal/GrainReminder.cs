using VetActors.Actors.Reminders;

namespace VetActors.Actors.Internal;

internal sealed record GrainReminder(string ReminderName, DateTimeOffset NextDue, TimeSpan Period) : IGrainReminder
{
    internal static GrainReminder From(ReminderRecord record) => new(record.Name, record.TickDue, record.Period);
}
