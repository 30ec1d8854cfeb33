using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>
/// A prescription; <see cref="RewriteRequired"/> is set when the pet was renamed while it was active, since a
/// label must carry the animal's current name.
/// </summary>
[Immutable]
public sealed record Prescription(string PimsId, string Drug, string Status, bool RewriteRequired, string? WrittenForName);
