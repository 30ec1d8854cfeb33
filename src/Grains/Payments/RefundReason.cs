namespace VetActors.Grains.Payments;

/// <summary>Why money is returned; values are stored, never renumber.</summary>
public enum RefundReason
{
    RequestedByClient = 1,
    DuplicateCharge = 2,
    ServiceNotProvided = 3,
    AppointmentCancelled = 4,
    Other = 5,
}
