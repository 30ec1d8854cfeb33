namespace VetActors.Grains.Appointments;

/// <summary>Answers who may hold appointments (the host wires it to the clinic's staff).</summary>
public interface IPractitionerDirectory
{
    /// <summary>Whether <paramref name="staffId"/> is an active veterinarian of the clinic.</summary>
    Task<bool> IsActiveVeterinarianAsync(string clinicId, string staffId, CancellationToken cancellationToken);
}
