using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Audit;

/// <summary>One entry of a clinic's audit log: its place in the log, when it was written, and the record.</summary>
[Immutable]
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string Target, string? Before, string? After);
