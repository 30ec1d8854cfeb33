namespace VetActors.Grains.Appointments;

/// <summary>Where an appointment is in its life; values are stored, never renumber.</summary>
public enum AppointmentStatus
{
    /// <summary>No appointment under this reference.</summary>
    None = 0,

    /// <summary>Booked; nobody has joined the call yet.</summary>
    Booked = 1,

    /// <summary>The practitioner or the client has joined and the call has not ended.</summary>
    InCall = 2,

    /// <summary>The call ended; the record is due within 24 hours.</summary>
    CallEnded = 3,

    /// <summary>The record is complete.</summary>
    Completed = 4,

    /// <summary>The practitioner declared that the client did not show up.</summary>
    NoShow = 5,

    /// <summary>Cancelled before anybody joined.</summary>
    Cancelled = 6,
}
