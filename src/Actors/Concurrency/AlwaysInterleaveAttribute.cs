namespace VetActors.Actors.Concurrency;

/// <summary>Calls to this interface method interleave with any other request of the activation.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
