using VetActors.Actors.Concurrency;
using VetActors.Grains.Consent;

namespace VetActors.Grains.Events;

/// <summary>A client opted in or out of a channel (the ledger entry <see cref="Change"/>); <see cref="Status"/> is their consent after it.</summary>
[Immutable]
public sealed record ClientConsentChanged(string ClinicId, string ConsentClientId, ConsentChange Change, ConsentStatus Status)
    : ClinicEvent(ClinicId, Change.At)
{
    public override string? ClientId => ConsentClientId;
}
