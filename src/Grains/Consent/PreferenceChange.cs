using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Consent;

/// <summary>
/// A notification preference set in the portal by the client (<see cref="ConsentSource.Portal"/>) or recorded
/// by staff (<see cref="ConsentSource.Staff"/>, with <see cref="StaffUserId"/>).
/// </summary>
[Immutable]
public sealed record PreferenceChange(ConsentChannel Channel, bool OptedIn, ConsentSource Source, string? StaffUserId = null)
{
    public static PreferenceChange ByClient(ConsentChannel channel, bool optedIn) => new(channel, optedIn, ConsentSource.Portal);

    public static PreferenceChange ByStaff(ConsentChannel channel, bool optedIn, string staffUserId) =>
        new(channel, optedIn, ConsentSource.Staff, staffUserId);
}
