namespace VetActors.Grains.Appointments;

/// <summary>Where the appointment takes place.</summary>
public enum AppointmentKind
{
    Virtual = 1,
    InClinic = 2,
}
