using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Outbox;

/// <summary>An email or text message to send on behalf of a clinic. <see cref="Subject"/> is ignored for SMS.</summary>
[Immutable]
public sealed record OutgoingMessage(string ClinicId, MessageChannel Channel, string To, string Subject, string Body);
