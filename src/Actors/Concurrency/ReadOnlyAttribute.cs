namespace VetActors.Actors.Concurrency;

/// <summary>The interface method does not change state: it may interleave with other read-only requests.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ReadOnlyAttribute : Attribute
{
}
