using VetActors.Actors.Concurrency;
using VetActors.Grains.Clients;

namespace VetActors.Grains.Sync;

/// <summary>A client (pet owner) as the PIMS holds it.</summary>
[Immutable]
public sealed record PimsClientData(string FirstName, string LastName, PostalAddress? Address, IReadOnlyList<string> Phones, string? Email);
