using VetActors.Grains.Pets;

namespace VetActors.Grains.Tests.Pets;

public sealed class PetAgeTests
{
    [Theory]
    [InlineData("2020-03-01", "2026-04-30", 6, 1)]
    [InlineData("2024-05-01", "2026-04-30", 1, 11)]
    [InlineData("2024-05-01", "2026-05-01", 2, 0)]
    [InlineData("2026-01-31", "2026-02-28", 0, 1)]
    [InlineData("2026-01-31", "2026-02-27", 0, 0)]
    [InlineData("2026-04-30", "2026-04-30", 0, 0)]
    [InlineData("2026-05-01", "2026-04-30", 0, 0)]
    public void On_BirthAndToday_GivesWholeYearsAndMonths(string birth, string today, int years, int months)
    {
        Assert.Equal(new PetAge(years, months), PetAge.On(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
