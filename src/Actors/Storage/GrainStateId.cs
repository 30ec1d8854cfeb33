namespace VetActors.Actors.Storage;

/// <summary>The primary key of one stored grain state: a row per (service, grain type, grain key, state name).</summary>
public readonly record struct GrainStateId(string ServiceId, string GrainType, string GrainKey, string StateName);
