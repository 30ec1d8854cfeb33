using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Support;

/// <summary>A request to open a support case; <paramref name="OpenedBy"/> is a staff id or <c>system</c>.</summary>
[Immutable]
public sealed record OpenSupportCase(
    SupportCaseKind Kind,
    string? AppointmentReference,
    string PractitionerId,
    string OpenedBy,
    string Description);
