using System.Diagnostics.CodeAnalysis;
using VetActors.Grains.Common;

namespace VetActors.Grains.Identity;

/// <summary>
/// The shape of every credential VetActors hands out: <c>{kind}~{clinicId}~{id}~{secret}</c>. The clinic and id only
/// say which grain holds the secret's hash; nothing is trusted until that grain has compared the secret, so a
/// forged clinic id gets nowhere. '~' is valid in a bearer token (RFC 6750) and never part of an id.
/// </summary>
public static class BearerToken
{
    /// <summary>A session (practice, staff user or pet owner).</summary>
    public const string SessionKind = "vs";

    /// <summary>A PIMS agent's API key.</summary>
    public const string AgentKeyKind = "vk";

    /// <summary>A staff invitation link's token.</summary>
    public const string InvitationKind = "vi";

    private const char Separator = '~';

    public static string Format(string kind, string clinicId, string id, string secret) =>
        string.Join(Separator, kind, clinicId, id, secret);

    /// <summary>Splits a token of <paramref name="expectedKind"/>; false for anything else, without saying why.</summary>
    public static bool TryParse(
        string? token, string expectedKind,
        [NotNullWhen(true)] out string? clinicId, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        clinicId = id = secret = null;
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return false;
        }

        var parts = token.Split(Separator);
        if (parts.Length != 4 || parts[0] != expectedKind || !GrainKeys.IsValidId(parts[1]) || !GrainKeys.IsValidId(parts[2]) ||
            parts[3].Length is < 16 or > 128)
        {
            return false;
        }

        (clinicId, id, secret) = (parts[1], parts[2], parts[3]);
        return true;
    }

    /// <summary>The kind prefix of a token, or <c>null</c> when it has none.</summary>
    public static string? KindOf(string? token)
    {
        var end = token?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        return end > 0 ? token![..end] : null;
    }
}
