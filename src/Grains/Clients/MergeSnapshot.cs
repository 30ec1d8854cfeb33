using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clients;

/// <summary>
/// What undoing a merge hands back: the PIMS client's data as last applied, its pets, and the client's details
/// restored to what they were before the merge.
/// </summary>
[Immutable]
public sealed record MergeSnapshot(string PimsClientId, long PimsVersion, ClientDetails PimsDetails, IReadOnlyList<string> PimsPetIds, ClientDetails Restored);
