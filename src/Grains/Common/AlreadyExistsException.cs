namespace VetActors.Grains.Common;

/// <summary>The object to create exists already (maps to ALREADY_EXISTS).</summary>
public sealed class AlreadyExistsException(string code, string message) : DomainException(code, message);
