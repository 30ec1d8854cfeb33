namespace VetActors.Grains.Pets;

internal sealed partial class PetGrain
{
    public Task<PetPortalSummary?> GetPortalSummaryAsync(PortalWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (State.PimsVersion is null || State.Deleted)
        {
            return Task.FromResult<PetPortalSummary?>(null);
        }

        // A deceased pet's bookings wait for a call from staff (FlagFutureAppointments), not for the owner.
        IReadOnlyList<PetAppointment> upcoming = State.Deceased
            ? []
            : [.. Live(State.Appointments)
                .Where(a => a.Start >= window.Now && !IsClosed(a.Status) && window.Appointments.Shows(a, window.Now))
                .OrderBy(a => a.Start)];
        IReadOnlyList<ServiceReminder> due = window.ServicesDue ? ServicesDue(window.Today) : [];
        return Task.FromResult<PetPortalSummary?>(new PetPortalSummary(PetId, CurrentSignalment(), upcoming, due));
    }

    public Task<IReadOnlyList<PetAppointment>> GetVisibleAppointmentsAsync(PortalWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        EnsureExists();
        return Task.FromResult<IReadOnlyList<PetAppointment>>(
            [.. Live(State.Appointments)
                .Where(a => window.Appointments.Shows(a, window.Now) && !(State.Deceased && a.Start > window.Now))
                .OrderByDescending(a => a.Start)]);
    }

    /// <summary>Services due from <paramref name="today"/> (the clinic's date) to 6 months later, both ends included.</summary>
    private ServiceReminder[] ServicesDue(DateOnly today)
    {
        var horizon = today.AddMonths(ServiceHorizonMonths);
        return OpenReminders(r => r.DueDate >= today && r.DueDate <= horizon);
    }

    private Signalment CurrentSignalment() => new(
        State.Name,
        State.Species,
        State.Breed,
        State.Sex,
        State.BirthDate,
        State.Weights.Count > 0 ? State.Weights[^1] : null,
        State.Colour,
        State.Microchip,
        State.Deceased,
        State.DeceasedDate);
}
