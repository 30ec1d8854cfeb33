namespace VetActors.Actors.Concurrency;

/// <summary>
/// Instances of the type are never mutated once built, so grain calls pass them by reference instead of
/// copying them (the copy is what keeps a caller from mutating a callee's state).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute
{
}
