using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clients;

/// <summary>A postal address.</summary>
[Immutable]
public sealed record PostalAddress(string Line1, string? Line2, string City, string Region, string PostalCode)
{
    public override string ToString() =>
        string.Join(", ", new[] { Line1, Line2, City, Region, PostalCode }.Where(p => !string.IsNullOrWhiteSpace(p)));
}
