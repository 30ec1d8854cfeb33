using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Consent;

/// <summary>A text a client sent to the clinic's number, with the clinic the number belongs to.</summary>
[Immutable]
public sealed record InboundSms(string Text, ClinicContact Clinic);
