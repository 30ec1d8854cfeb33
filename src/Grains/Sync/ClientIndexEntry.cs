using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>What the clinic's sync index knows of a client: enough to match merges and answer searches.</summary>
[Immutable]
public sealed record ClientIndexEntry(string ClientId, string FirstName, string LastName, string? Email, IReadOnlyList<string> Phones, string? PimsId, bool Deleted = false);
