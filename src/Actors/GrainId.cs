namespace VetActors.Actors;

/// <summary>
/// Identifies one grain: its type name (the grain interface's stable name, e.g. <c>pet</c>) and its
/// string key (e.g. <c>clinic-42/pet/1733</c>). Human-readable on purpose: it is what the storage rows
/// and the logs show.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
