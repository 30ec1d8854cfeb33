namespace VetActors.Actors;

/// <summary>Something that names a grain: a grain instance or a reference to one.</summary>
#pragma warning disable CA1040 // A marker, as in Orleans: both grains and grain references carry an identity.
public interface IAddressable
{
}
#pragma warning restore CA1040
