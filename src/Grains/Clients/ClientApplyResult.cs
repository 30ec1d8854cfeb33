using VetActors.Actors.Concurrency;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Clients;

/// <summary>
/// The client's answer to an update: whether the record applied (or was older than what it holds), the field
/// changes it holds for review, and its entry for the clinic's index.
/// </summary>
[Immutable]
public sealed record ClientApplyResult(bool Stale, IReadOnlyList<HeldChange> Held, ClientIndexEntry Entry);
