using VetActors.Actors.Concurrency;
using VetActors.Grains.Clinics;
using VetActors.Grains.Conversations;
using VetActors.Grains.Pets;

namespace VetActors.Grains.Clients;

/// <summary>The client's portal home: the clinic, the pets with what is coming up for them, and the active conversation.</summary>
[Immutable]
public sealed record PortalHome(ClinicPortalView Clinic, IReadOnlyList<PetPortalSummary> Pets, ConversationView? ActiveConversation);
