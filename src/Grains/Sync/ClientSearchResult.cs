using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// The clients a staff search found. Immutable, so the answer is handed over without a copy: search is the
/// hottest read of the sync grain.
/// </summary>
[Immutable]
public sealed record ClientSearchResult(IReadOnlyList<ClientSearchHit> Clients);
