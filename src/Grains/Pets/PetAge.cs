using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A pet's age in whole years and months, as the portal shows it.</summary>
[Immutable]
public sealed record PetAge(int Years, int Months)
{
    /// <summary>The age on <paramref name="today"/> of an animal born on <paramref name="birthDate"/>; zero before it.</summary>
    public static PetAge On(DateOnly birthDate, DateOnly today)
    {
        var months = ((today.Year - birthDate.Year) * 12) + today.Month - birthDate.Month;

        // A month is complete on the same day of the month (or the month's last day when it has fewer days).
        if (today.Day < birthDate.Day && today.Day < DateTime.DaysInMonth(today.Year, today.Month))
        {
            months--;
        }

        return months <= 0 ? new PetAge(0, 0) : new PetAge(months / 12, months % 12);
    }
}
