using VetActors.Grains.Common;

namespace VetActors.Grains.Pets;

internal sealed partial class PetGrain
{
    /// <summary>The portal's horizon for services (the seed product shows services due within 6 months).</summary>
    private const int ServiceHorizonMonths = 6;

    public Task<PetProfile> GetProfileAsync()
    {
        if (State.PimsVersion is null)
        {
            throw new NotFoundException("pet.not_found", $"Pet {PetId} does not exist.");
        }

        return Task.FromResult(new PetProfile(
            PetId,
            State.OwnerClientId ?? "",
            State.PimsId,
            State.PimsVersion,
            new Signalment(
                State.Name,
                State.Species,
                State.Breed,
                State.Sex,
                State.BirthDate,
                State.Weights.Count > 0 ? State.Weights[^1] : null,
                State.Colour,
                State.Microchip,
                State.Deceased,
                State.DeceasedDate),
            (State.Weights).ToArray(),
            State.DataAsOf,
            State.Deleted));
    }

    public Task<IReadOnlyList<ServiceReminder>> GetServiceRemindersAsync()
    {
        var horizon = Today().AddMonths(ServiceHorizonMonths);
        return Task.FromResult<IReadOnlyList<ServiceReminder>>(OpenReminders(r => r.DueDate <= horizon));
    }

    public Task<IReadOnlyList<ServiceReminder>> GetUpcomingServicesAsync()
    {
        var today = Today();
        var horizon = today.AddMonths(ServiceHorizonMonths);
        return Task.FromResult<IReadOnlyList<ServiceReminder>>(OpenReminders(r => r.DueDate >= today && r.DueDate <= horizon));
    }

    public Task<IReadOnlyList<Vaccination>> GetVaccinationsAsync() =>
        Task.FromResult<IReadOnlyList<Vaccination>>(
            (Live(State.Vaccinations).OrderByDescending(v => v.Given)).ToArray());

    public Task<IReadOnlyList<PetAppointment>> GetAppointmentsAsync() =>
        Task.FromResult<IReadOnlyList<PetAppointment>>(
            (Live(State.Appointments).OrderByDescending(a => a.Start)).ToArray());

    public Task<IReadOnlyList<Prescription>> GetPrescriptionsAsync() =>
        Task.FromResult<IReadOnlyList<Prescription>>((Live(State.Prescriptions).OrderBy(p => p.PimsId, StringComparer.Ordinal)).ToArray());

    public Task<IReadOnlyList<PetNameChange>> GetNameHistoryAsync() =>
        Task.FromResult<IReadOnlyList<PetNameChange>>((State.NameHistory).ToArray());

    public Task<bool> CanNotifyAsync() => Task.FromResult(State.PimsVersion is not null && NotificationBlock() is null);

    public Task<string?> GetNotificationBlockAsync() => Task.FromResult(NotificationBlock());

    /// <summary>The one rule: a deceased or deleted pet's owner gets no message about it.</summary>
    private string? NotificationBlock() =>
        State.Deleted ? $"pet {PetId} was deleted in the PIMS"
        : State.Deceased ? $"pet {PetId} ({State.Name}) is deceased" + (State.DeceasedDate is { } d ? $" since {d:yyyy-MM-dd}" : "")
        : null;

    /// <summary>A deceased or deleted pet has no reminders to show or send.</summary>
    private ServiceReminder[] OpenReminders(Func<ServiceReminder, bool> window)
    {
        if (State.Deceased || State.Deleted)
        {
            return [];
        }

        return (Live(State.Reminders).Where(r => !r.Completed && window(r)).OrderBy(r => r.DueDate)).ToArray();
    }

    private static IEnumerable<T> Live<T>(Dictionary<string, Versioned<T>> items)
        where T : class =>
        items.Values.Select(v => v.Value).OfType<T>();
}
