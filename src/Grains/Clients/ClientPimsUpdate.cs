using VetActors.Actors.Concurrency;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Clients;

/// <summary>
/// What the sync grain applies to one client in one batch: the client record (or its deletion), the policy to
/// apply it under, pets to link and unlink, and when this links a PIMS client to an existing client, the keys
/// that matched.
/// </summary>
[Immutable]
public sealed record ClientPimsUpdate(
    string PimsClientId,
    PimsRecord? Record,
    SyncPolicy Policy,
    IReadOnlyList<string> LinkPetIds,
    IReadOnlyList<string> UnlinkPetIds,
    IReadOnlyList<string>? MergedOn = null);
