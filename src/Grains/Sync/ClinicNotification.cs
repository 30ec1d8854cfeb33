using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>An email the integration sends: to the clinic (first data) or to its administrators (stale).</summary>
[Immutable]
public sealed record ClinicNotification(string ClinicId, ClinicNotificationKind Kind, string Subject, string Body, DateTimeOffset CreatedAt);
