using System.Globalization;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// An amount of money in integer minor units (cents for USD) of an ISO 4217 currency. Money is never a floating-point
/// number: sums are checked integer arithmetic, and two currencies never mix.
/// </summary>
[Immutable]
public sealed record Money(long MinorUnits, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    /// <summary>Whether <paramref name="currency"/> looks like an ISO 4217 code (three upper-case letters).</summary>
    public static bool IsCurrencyCode(string? currency) => currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper);

    public Money Plus(Money other) => new(checked(MinorUnits + Same(other).MinorUnits), Currency);

    public Money Minus(Money other) => new(checked(MinorUnits - Same(other).MinorUnits), Currency);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{MinorUnits} {Currency} minor units");

    private Money Same(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Currency == Currency
            ? other
            : throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
    }
}
