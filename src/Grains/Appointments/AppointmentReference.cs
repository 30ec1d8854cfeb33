using System.Buffers;
using System.Security.Cryptography;

namespace VetActors.Grains.Appointments;

/// <summary>
/// Appointment reference ids: <c>VA-</c> and 6 characters drawn with a cryptographic generator from 31
/// symbols without look-alikes (no 0/O, 1/I/L), about 887 million per clinic, so they cannot be guessed and
/// read well over the phone. Uniqueness is enforced by booking: a taken reference is refused and redrawn.
/// </summary>
public static class AppointmentReference
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const string Prefix = "VA-";
    private const int Length = 6;
    private static readonly SearchValues<char> Symbols = SearchValues.Create(Alphabet);

    public static string New() => Prefix + RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Whether <paramref name="reference"/> has the shape of a reference id.</summary>
    public static bool IsWellFormed(string? reference) =>
        reference is { Length: 9 } && reference.StartsWith(Prefix, StringComparison.Ordinal) && reference.AsSpan(3).IndexOfAnyExcept(Symbols) < 0;
}
