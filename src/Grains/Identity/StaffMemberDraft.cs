using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>What is set when adding or editing a staff member. There is no password: members set theirs from an invitation.</summary>
[Immutable]
public sealed record StaffMemberDraft(string Username, string Name, string Email, StaffRole Role, bool ApplyRefund);
