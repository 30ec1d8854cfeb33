using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// Which identity changes from the PIMS apply without staff review after the first import. New clients and
/// patients, weights, deceased status, client email and every appointment, reminder, vaccination and
/// prescription always apply; the default (the seed product's) holds names, addresses and phones for review.
/// </summary>
[Immutable]
public sealed record SyncPolicy(bool AutoApplyClientName, bool AutoApplyClientAddress, bool AutoApplyClientPhone, bool AutoApplyPetName)
{
    public static SyncPolicy Default { get; } = new(false, false, false, false);

    /// <summary>Everything applies: what the first full import does.</summary>
    public static SyncPolicy ApplyAll { get; } = new(true, true, true, true);
}
