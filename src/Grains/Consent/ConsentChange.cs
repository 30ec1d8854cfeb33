using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Consent;

/// <summary>
/// One entry of a client's consent ledger: the channel, whether it is now opted in, where the change came from,
/// the keyword that made it (<see cref="ConsentSource.SmsKeyword"/>) or the staff member who recorded it
/// (<see cref="ConsentSource.Staff"/>), and when.
/// </summary>
[Immutable]
public sealed record ConsentChange(
    ConsentChannel Channel,
    bool OptedIn,
    ConsentSource Source,
    string? Keyword,
    string? StaffUserId,
    DateTimeOffset At);
