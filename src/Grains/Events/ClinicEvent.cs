using System.Text.Json.Serialization;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Events;

/// <summary>
/// Something that happened in a clinic, published by the grain it happened in to the clinic's live subscribers
/// (<see cref="IClinicEventHub"/>). <see cref="ClientId"/> names the client it concerns, when it concerns one.
/// </summary>
[Immutable]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ConversationMessagePosted), "message")]
[JsonDerivedType(typeof(ClientConsentChanged), "consent")]
[JsonDerivedType(typeof(SyncStatusChanged), "sync")]
public abstract record ClinicEvent(string ClinicId, DateTimeOffset At)
{
    /// <summary>The client the event concerns; <c>null</c> for clinic-wide events.</summary>
    public virtual string? ClientId => null;
}
