namespace VetActors.Grains.Appointments;

internal sealed class ClientAppointmentsState
{
    /// <summary>References in booking order.</summary>
    public List<string> References { get; set; } = [];
}
