using VetActors.Actors.Internal;

namespace VetActors.Actors.Tests.Calls;

public sealed class GrainTypeNameTests
{
    [Theory]
    [InlineData(typeof(IPetGrainName), "pet-grain-name")]
    [InlineData(typeof(IClinicStaffGrain), "clinic-staff")]
    [InlineData(typeof(ISmsGatewayGrain), "sms-gateway")]
    [InlineData(typeof(AppointmentGrain), "appointment")]
    public void Derive_FromTypeName_IsReadableKebabCase(Type type, string expected) =>
        Assert.Equal(expected, GrainTypeNames.Derive(type));

    [Fact]
    public void Registry_GrainTypeAttribute_WinsOverTheDerivedName()
    {
        var registry = new GrainTypeRegistry([typeof(Persistence.PetGrain)]);

        Assert.Equal("pet", registry.GetGrainType(typeof(Persistence.IPetGrain)));
    }

    [Fact]
    public void Registry_TwoClassesWithOneTypeName_IsRejectedAtStartup()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new GrainTypeRegistry([typeof(DuplicateA), typeof(DuplicateB)]));

        Assert.Contains("'dup'", error.Message, StringComparison.Ordinal);
    }

    private interface IPetGrainName : IGrainWithStringKey;

    private interface IClinicStaffGrain : IGrainWithStringKey;

    private interface ISmsGatewayGrain : IGrainWithStringKey;

    private sealed class AppointmentGrain;

    internal interface IDupGrain : IGrainWithStringKey;

    [GrainType("dup")]
    // Abstract, so assembly discovery for the other tests skips them.
    internal abstract class DuplicateA : Grain, IDupGrain;

    [GrainType("dup")]
    internal abstract class DuplicateB : Grain, IDupGrain;
}
