namespace VetActors.Grains.Common;

/// <summary>
/// A refusal by a domain rule. Grains throw these (never gRPC types); the API layer maps each kind to one
/// status code in one table. <see cref="Code"/> is a stable, machine-readable reason.
/// </summary>
public abstract class DomainException : Exception
{
    protected DomainException(string code, string message) : base(message)
    {
        Code = code;
    }

    /// <summary>A stable reason code, e.g. <c>appointment.no_show_too_early</c>.</summary>
    public string Code { get; }
}
