using System.Collections.Immutable;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>A payout batch: the payable appointments it paid and its total.</summary>
[Immutable]
public sealed record PayoutBatch(string BatchId, DateTimeOffset CreatedAt, string CreatedBy, Money Total, ImmutableArray<string> AppointmentReferences);
