using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clients;

/// <summary>
/// A client as staff and the portal see it. <see cref="DataAsOf"/> is when the PIMS last confirmed it;
/// <see cref="Source"/> says who created it (<c>pims</c>, <c>portal</c>, <c>pharmacy</c>, …).
/// </summary>
[Immutable]
public sealed record ClientProfile(
    string ClientId,
    ClientDetails Details,
    string Source,
    string? PimsId,
    long? PimsVersion,
    DateTimeOffset? DataAsOf,
    IReadOnlyList<string> PetIds,
    bool Deleted,
    string? MergedFromPims);
