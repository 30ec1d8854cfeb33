using VetActors.Grains.Common;

namespace VetActors.Grains.Identity;

/// <summary>
/// Credentials were missing, wrong, expired, revoked or locked out (maps to UNAUTHENTICATED). The message is the
/// same for every cause, so a caller learns nothing about which part was wrong.
/// </summary>
public sealed class AuthenticationFailedException : DomainException
{
    public const string GenericMessage = "The credentials are not valid.";

    public AuthenticationFailedException() : base("identity.authentication_failed", GenericMessage)
    {
    }
}
