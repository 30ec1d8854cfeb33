namespace VetActors.Grains.Pets;

internal sealed partial class PetGrain
{
    public async Task<PetRecord> GetRecordAsync()
    {
        // Staff see every reminder, completed and far-off ones too: the portal's window and the deceased rule are
        // about what is shown to owners and sent out, not about what the clinic holds.
        var reminders = Live(State.Reminders)
            .OrderBy(r => r.DueDate)
            .ThenBy(r => r.PimsId, StringComparer.Ordinal)
            .ToArray();
        return new PetRecord(
            await GetProfileAsync(),
            State.OwnerPimsId,
            await GetNameHistoryAsync(),
            await GetAppointmentsAsync(),
            reminders,
            await GetVaccinationsAsync(),
            await GetPrescriptionsAsync());
    }
}
