using VetActors.Grains.Common;

namespace VetActors.Grains.Tests.Common;

public sealed class GrainKeysTests
{
    [Fact]
    public void Builders_PrefixEveryKeyWithItsClinic()
    {
        Assert.Equal("clinic-42", GrainKeys.Clinic("42"));
        Assert.Equal("clinic-42/client/981", GrainKeys.Client("42", "981"));
        Assert.Equal("clinic-42/pet/1733", GrainKeys.Pet("42", "1733"));
        Assert.Equal("clinic-42/appt/VA-7K3M9Q", GrainKeys.Appointment("42", "VA-7K3M9Q"));
    }

    [Theory]
    [InlineData("42/../43")]
    [InlineData("42/client/1")]
    [InlineData("")]
    [InlineData("a b")]
    public void Builders_IdWithSeparatorOrBadCharacter_AreRejected(string id)
    {
        var error = Assert.Throws<ValidationException>(() => GrainKeys.Client("42", id));

        Assert.Equal("clientId", error.Violations.Single().Field);
    }

    [Fact]
    public void Builders_OverlongId_IsRejected()
    {
        Assert.Throws<ValidationException>(() => GrainKeys.Clinic(new string('a', 65)));
    }

    [Theory]
    [InlineData("clinic-42", "42")]
    [InlineData("clinic-42/pet/1733", "42")]
    public void ClinicIdOf_ReturnsTheClinicPart(string key, string clinicId)
    {
        Assert.Equal(clinicId, GrainKeys.ClinicIdOf(key));
    }
}
