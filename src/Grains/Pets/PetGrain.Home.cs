namespace VetActors.Grains.Pets;

internal sealed partial class PetGrain
{
    // The home asks every pet of a signed-in owner each time the owner opens it, and the answer rarely changes: it is
    // kept until the pet's state is saved (SaveAsync drops it), the clinic's date or settings change, or the clock
    // reaches the next instant an appointment enters the horizon or starts.
    private PetPortalSummary? _summary;
    private PortalWindow? _summaryWindow;
    private DateTimeOffset _summaryValidUntil;

    public Task<PetPortalSummary?> GetPortalSummaryAsync(PortalWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (State.PimsVersion is null || State.Deleted)
        {
            return Task.FromResult<PetPortalSummary?>(null);
        }

        if (_summary is not null && _summaryWindow is { } cached && cached.Today == window.Today && cached.ServicesDue == window.ServicesDue
            && cached.Appointments.Equals(window.Appointments) && window.Now >= cached.Now && window.Now < _summaryValidUntil)
        {
            return Task.FromResult<PetPortalSummary?>(_summary);
        }

        var upcoming = UpcomingAppointments(window, out var validUntil);
        IReadOnlyList<ServiceReminder> due = window.ServicesDue ? ServicesDue(window.Today) : [];
        _summary = new PetPortalSummary(PetId, Signalment(), upcoming, due);
        _summaryWindow = window;
        _summaryValidUntil = validUntil;
        return Task.FromResult<PetPortalSummary?>(_summary);
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

    /// <summary>
    /// Open appointments from now to the horizon of visible kinds, soonest first; <paramref name="validUntil"/> is the
    /// first later instant the answer changes (one of them starts, or another comes within the horizon).
    /// </summary>
    private PetAppointment[] UpcomingAppointments(PortalWindow window, out DateTimeOffset validUntil)
    {
        validUntil = DateTimeOffset.MaxValue;

        // A deceased pet's bookings wait for a call from staff (FlagFutureAppointments), not for the owner.
        if (State.Deceased)
        {
            return [];
        }

        var horizon = TimeSpan.FromDays(window.Appointments.HorizonDays);
        List<PetAppointment>? upcoming = null;
        foreach (var item in State.Appointments.Values)
        {
            if (item.Value is not { } a || a.Start < window.Now || IsClosed(a.Status) || !window.Appointments.ShowsKind(a.Type))
            {
                continue;
            }

            if (a.Start - horizon > window.Now)
            {
                validUntil = Min(validUntil, a.Start - horizon);
                continue;
            }

            validUntil = Min(validUntil, a.Start);
            (upcoming ??= []).Add(a);
        }

        if (upcoming is null)
        {
            return [];
        }

        upcoming.Sort((x, y) => x.Start.CompareTo(y.Start));
        return [.. upcoming];
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Services due from <paramref name="today"/> (the clinic's date) to 6 months later, both ends included.</summary>
    private ServiceReminder[] ServicesDue(DateOnly today)
    {
        var horizon = today.AddMonths(ServiceHorizonMonths);
        return OpenReminders(r => r.DueDate >= today && r.DueDate <= horizon);
    }
}
