namespace VetActors.Actors.Concurrency;

/// <summary>
/// The grain's requests may interleave at their awaits (still one thread at a time per activation).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute
{
}
