namespace VetActors.Actors;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime supplies
/// it, loaded from storage before <see cref="Grain.OnActivateAsync"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The state's name, part of its storage key; unique per grain type.</summary>
    public string StateName { get; } = stateName;

    /// <summary>Kept for Orleans familiarity; one storage provider serves every state here.</summary>
    public string? StorageName { get; } = storageName;
}
