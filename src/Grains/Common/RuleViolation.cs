namespace VetActors.Grains.Common;

/// <summary>The object is not in a state that allows the operation (maps to FAILED_PRECONDITION).</summary>
public sealed class RuleViolation(string code, string message) : DomainException(code, message);
