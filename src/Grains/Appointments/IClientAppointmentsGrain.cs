using VetActors.Actors;

namespace VetActors.Grains.Appointments;

/// <summary>
/// The references of every appointment booked for one client, keyed <c>clinic-42/client/981/appointments</c>.
/// Entries are never removed: the status lives in the appointment itself, so past appointments stay listed.
/// </summary>
[GrainType("client-appointments")]
public interface IClientAppointmentsGrain : IGrainWithStringKey
{
    /// <summary>Adds a reference (idempotent).</summary>
    Task AddAsync(string reference);

    /// <summary>The references, most recently booked first.</summary>
    Task<IReadOnlyList<string>> ListAsync();
}
