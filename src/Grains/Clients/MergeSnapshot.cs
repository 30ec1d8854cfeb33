using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clients;

/// <summary>
/// What undoing a merge hands back: the PIMS client's data as last applied, its pets, and the client's details
/// restored to what they were before the merge (with the PIMS id it had then, when it came from an earlier import).
/// </summary>
[Immutable]
public sealed record MergeSnapshot(
    string PimsClientId, long PimsVersion, ClientDetails PimsDetails, IReadOnlyList<string> PimsPetIds, ClientDetails Restored, string? RestoredPimsId = null);
