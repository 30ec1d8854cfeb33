namespace VetActors.Grains.Appointments;

/// <summary>Who, of the two people on a call, did something.</summary>
public enum CallParty
{
    Practitioner = 1,
    Client = 2,
}
