using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>A client found by a staff search.</summary>
[Immutable]
public sealed record ClientSearchHit(string ClientId, string FirstName, string LastName, string? Email, IReadOnlyList<string> Phones, string? PimsId);
