using System.Security.Cryptography;
using System.Text;

namespace VetActors.Grains.Identity.Internal;

/// <summary>Random secrets and their hashes. Random secrets carry 256 bits, so one SHA-256 is enough to store them.</summary>
internal static class Secrets
{
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A 128-bit random id that is valid in a grain key.</summary>
    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares <paramref name="secret"/> with a stored hash in time independent of where they differ.</summary>
    public static bool Matches(string secret, string? storedHash) =>
        storedHash is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
