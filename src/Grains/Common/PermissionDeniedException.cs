namespace VetActors.Grains.Common;

/// <summary>A known caller lacks the right for this operation (maps to PERMISSION_DENIED).</summary>
public sealed class PermissionDeniedException(string code, string message) : DomainException(code, message);
