namespace VetActors.Grains.Common;

/// <summary>The caller asked too often; it may try again later (maps to RESOURCE_EXHAUSTED).</summary>
public sealed class RateLimitedException(string code, string message) : DomainException(code, message);
