namespace VetActors.Actors;

/// <summary>
/// The stable, readable grain type name used in <see cref="GrainId"/>, storage rows and reminders
/// (<c>[GrainType("pet")]</c>). On the grain class or its grain interface; without it the name is derived
/// from the interface (<c>IPetGrain</c> gives <c>pet</c>). Never change it once rows exist.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    public string GrainType { get; } = grainType;
}
