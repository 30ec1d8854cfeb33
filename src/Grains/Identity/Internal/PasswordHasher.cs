using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VetActors.Grains.Identity.Internal;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashes, stored as <c>pbkdf2-sha256${iterations}${salt}${hash}</c> so the work factor
/// can be raised later without invalidating stored hashes. Passwords are never logged or kept elsewhere.
/// </summary>
internal static class PasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string password, string? stored)
    {
        var parts = stored?.Split('$');
        if (parts is not [Scheme, var iterationText, var saltText, var hashText] ||
            !int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var expected = Convert.FromBase64String(hashText);
        var actual = Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(password), Convert.FromBase64String(saltText), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A hash of nothing anyone knows, verified against when the user does not exist so that both paths cost the same.</summary>
    public static string Decoy(int iterations) => Hash(Secrets.NewSecret(), iterations);
}
