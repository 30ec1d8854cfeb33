using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Support;

/// <summary>One audited action: who did what to which object, and when.</summary>
[Immutable]
public sealed record SupportAuditEntry(string ClinicId, string Actor, string Action, string Subject, string Detail, DateTimeOffset At);
