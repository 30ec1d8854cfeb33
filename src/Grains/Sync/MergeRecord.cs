using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// A PIMS client merged into a client that already existed, with the keys that matched (<c>email</c>,
/// <c>phone+last_name</c>, or <c>staff</c> when staff chose it). An undone merge names the client split off.
/// </summary>
[Immutable]
public sealed record MergeRecord(
    string MergeId,
    string PimsClientId,
    string ClientId,
    IReadOnlyList<string> MatchedOn,
    DateTimeOffset MergedAt,
    string? UndoneBy = null,
    DateTimeOffset? UndoneAt = null,
    string? SplitClientId = null);
