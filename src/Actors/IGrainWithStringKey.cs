namespace VetActors.Actors;

/// <summary>A grain addressed by a string key (<c>clinic-42/pet/1733</c>).</summary>
#pragma warning disable CA1040 // A marker, as in Orleans.
public interface IGrainWithStringKey : IGrain
{
}
#pragma warning restore CA1040
