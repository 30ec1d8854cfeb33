using VetActors.Grains.Clinics;
using VetActors.Grains.Common;

namespace VetActors.Grains.Tests.Clinics;

public sealed class PimsCapabilitiesTests
{
    [Theory]
    [InlineData(PimsKind.Cornerstone, true, true)]
    [InlineData(PimsKind.CornerstoneCloud, false, false)]
    [InlineData(PimsKind.Avimark, true, true)]
    [InlineData(PimsKind.ImproMed, true, true)]
    [InlineData(PimsKind.EzyVet, true, false)]
    [InlineData(PimsKind.Pulse, true, true)]
    [InlineData(PimsKind.Other, false, false)]
    [InlineData(PimsKind.Unspecified, false, false)]
    public void Supports_EachPims_MatchesItsExport(PimsKind pims, bool idCard, bool reminders)
    {
        Assert.Equal(idCard, PimsCapabilities.Supports(pims, PimsFeature.PetIdCard));
        Assert.Equal(reminders, PimsCapabilities.Supports(pims, PimsFeature.ServiceReminders));
    }

    [Fact]
    public void Require_Unsupported_NamesFeatureAndPims()
    {
        var refused = Assert.Throws<RuleViolation>(() => PimsCapabilities.Require(PimsKind.EzyVet, PimsFeature.ServiceReminders));

        Assert.Equal("pims.feature_unavailable", refused.Code);
        Assert.StartsWith("Service reminders are not available", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ezyVet", refused.Message, StringComparison.Ordinal);
    }
}
