using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Audit;

/// <summary>
/// What happened, to be appended: who (<see cref="AuditActors"/>), what (a stable action name such as
/// <c>staff.role_changed</c>), on what, and the state before and after (short, human-readable, never a secret).
/// </summary>
[Immutable]
public sealed record AuditRecord(string Actor, string Action, string Target, string? Before = null, string? After = null);
