using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clients;

/// <summary>A client's name and contact details.</summary>
[Immutable]
public sealed record ClientDetails(string FirstName, string LastName, PostalAddress? Address, IReadOnlyList<string> Phones, string? Email);
