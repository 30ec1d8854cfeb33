using VetActors.Actors.Reminders;

namespace VetActors.Actors.Internal;

internal sealed partial class ReminderService
{
    internal async Task<IGrainReminder> RegisterAsync(Activation activation, string name, DateTimeOffset firstDue, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!activation.ClassInfo.IsRemindable)
        {
            throw new InvalidOperationException(
                $"{activation.ClassInfo.GrainClass.Name} registers reminder '{name}' but does not implement IRemindable.");
        }

        var record = new ReminderRecord(ServiceId, activation.GrainId, name, firstDue, firstDue, firstDue, period, 0, string.Empty);
        var stored = await Table.UpsertAsync(record, CancellationToken.None);
        Notify(firstDue);
        return GrainReminder.From(stored);
    }

    internal async Task<IGrainReminder?> GetAsync(Activation activation, string name)
    {
        var record = await Table.ReadAsync(ServiceId, activation.GrainId, name, CancellationToken.None);
        return record is null ? null : GrainReminder.From(record);
    }

    internal async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(Activation activation)
    {
        var records = await Table.ReadForGrainAsync(ServiceId, activation.GrainId, CancellationToken.None);
        return [.. records.Select(GrainReminder.From)];
    }

    internal Task<bool> UnregisterAsync(Activation activation, string name) =>
        Table.RemoveAsync(ServiceId, activation.GrainId, name, CancellationToken.None);
}
