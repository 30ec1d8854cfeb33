namespace VetActors.Grains.Common;

/// <summary>The object does not exist for this caller (maps to NOT_FOUND; another clinic's object is "not found" too).</summary>
public sealed class NotFoundException(string code, string message) : DomainException(code, message);
