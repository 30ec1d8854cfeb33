using System.Collections.Immutable;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Appointments;

/// <summary>The record a practitioner completes after the call.</summary>
[Immutable]
public sealed record ClinicalRecord(
    string Notes,
    string MedicalRecord,
    ImmutableArray<string> Prescriptions,
    ImmutableArray<string> FollowUpRequests);
