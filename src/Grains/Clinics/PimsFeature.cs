namespace VetActors.Grains.Clinics;

/// <summary>A portal feature that only some practice-management systems can feed.</summary>
public enum PimsFeature
{
    /// <summary>The pet's ID card with signalment and current vaccines, as a PDF.</summary>
    PetIdCard = 1,

    /// <summary>The pet's service reminders (and the services due on the portal home).</summary>
    ServiceReminders = 2,
}
