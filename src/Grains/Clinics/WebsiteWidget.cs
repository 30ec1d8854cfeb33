namespace VetActors.Grains.Clinics;

/// <summary>The website widgets a clinic can turn on for its clients: a fixed catalogue.</summary>
public enum WebsiteWidget
{
    OnlineBooking = 1,
    Pharmacy = 2,
    Payments = 3,
    Reviews = 4,
    Chat = 5,
}
