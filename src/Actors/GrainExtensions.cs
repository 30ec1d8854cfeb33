using VetActors.Actors.Internal;

namespace VetActors.Actors;

/// <summary>Identity helpers for grains and grain references, as in Orleans.</summary>
public static class GrainExtensions
{
    /// <summary>The string key of a grain or grain reference.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;

    /// <summary>The identity of a grain or grain reference.</summary>
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        Grain g => g.GrainId,
        GrainReference r => r.GrainId,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException($"{grain.GetType()} is neither a grain nor a grain reference.", nameof(grain)),
    };
}
