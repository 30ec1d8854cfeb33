using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Support;

/// <summary>A support case as listed and resolved.</summary>
[Immutable]
public sealed record SupportCase(
    string CaseId,
    SupportCaseKind Kind,
    string? AppointmentReference,
    string PractitionerId,
    string OpenedBy,
    string Description,
    DateTimeOffset OpenedAt,
    SupportOutcome? Outcome,
    string? ResolvedBy,
    string? ResolutionNote,
    DateTimeOffset? ResolvedAt)
{
    public bool IsOpen => Outcome is null;
}
