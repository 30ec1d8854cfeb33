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

public sealed class ProxyGenerationTests
{
    [Fact]
    public void Generate_InterfaceWithRefParameter_IsRejectedNamingTheMethod()
    {
        var error = Assert.Throws<NotSupportedException>(() => ProxyGenerator.Generate(typeof(IRefGrain)));

        Assert.Contains("IRefGrain.Swap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_InterfaceExtendingANonGrainInterface_IsRejected()
    {
        var error = Assert.Throws<NotSupportedException>(() => ProxyGenerator.Generate(typeof(IDisposableGrain)));

        Assert.Contains("IDisposable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SynchronousMethod_IsRejected()
    {
        var error = Assert.Throws<NotSupportedException>(() => ProxyGenerator.Generate(typeof(ISyncGrain)));

        Assert.Contains("returns System.Int32", error.Message, StringComparison.Ordinal);
    }

    internal interface IRefGrain : IGrainWithStringKey
    {
        Task Swap(ref int value);
    }

    internal interface IDisposableGrain : IGrainWithStringKey, IDisposable;

    internal interface ISyncGrain : IGrainWithStringKey
    {
        int Count();
    }
}
