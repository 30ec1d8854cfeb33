using VetActors.Actors;

namespace VetActors.Grains.Identity;

/// <summary>
/// A pet owner's one-time sign-in codes (key <c>clinic-42/signin-code/{clientId}</c>): 6 digits, valid for 10 minutes,
/// a few guesses each, and a limit on how many are sent per hour.
/// </summary>
public interface ISignInCodeGrain : IGrainWithStringKey
{
    /// <summary>Sends a new code to <paramref name="contact"/> by email or text, replacing any earlier code. Quietly sends nothing past the hourly limit.</summary>
    Task SendCodeAsync(ClientContact contact, bool bySms);

    /// <summary>Opens a portal session bound to (clinic, client) when <paramref name="code"/> is the live code; otherwise AuthenticationFailed.</summary>
    Task<IssuedCredential> VerifyAsync(string code);
}
