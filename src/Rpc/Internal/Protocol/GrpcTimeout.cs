namespace VetActors.Rpc.Internal.Protocol;

/// <summary>
/// The <c>grpc-timeout</c> header: a positive integer of at most 8 ASCII digits followed by one unit,
/// <c>H</c> hours, <c>M</c> minutes, <c>S</c> seconds, <c>m</c> milliseconds, <c>u</c> microseconds or
/// <c>n</c> nanoseconds (PROTOCOL-HTTP2.md).
/// </summary>
internal static class GrpcTimeout
{
    private const long NanosecondsPerTick = 100;

    // Units from the finest to the coarsest, so formatting keeps as much precision as 8 digits allow.
    private static readonly (char Unit, long Nanoseconds)[] Units =
    [
        ('n', 1),
        ('u', 1_000),
        ('m', 1_000_000),
        ('S', 1_000_000_000),
        ('M', 60L * 1_000_000_000),
        ('H', 3600L * 1_000_000_000),
    ];

    /// <summary>Parses a header value; false (no deadline) for anything the grammar does not allow.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length is < 2 or > 9)
        {
            return false;
        }
        var digits = value[..^1];
        long amount = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            amount = (amount * 10) + (c - '0');
        }
        long ticks;
        switch (value[^1])
        {
            case 'H':
                ticks = amount * TimeSpan.TicksPerHour;
                break;
            case 'M':
                ticks = amount * TimeSpan.TicksPerMinute;
                break;
            case 'S':
                ticks = amount * TimeSpan.TicksPerSecond;
                break;
            case 'm':
                ticks = amount * TimeSpan.TicksPerMillisecond;
                break;
            case 'u':
                ticks = amount * TimeSpan.TicksPerMicrosecond;
                break;
            case 'n':
                // Rounded up: a 1 ns timeout is still a deadline that has (almost) passed, never "none".
                ticks = (amount + NanosecondsPerTick - 1) / NanosecondsPerTick;
                break;
            default:
                return false;
        }
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>
    /// Formats a timeout with the finest unit whose value fits in 8 digits, rounding up so the server
    /// never sees a shorter deadline than the client's. A timeout already passed becomes <c>1n</c>.
    /// </summary>
    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "1n";
        }
        // Ticks are 100 ns; Int128 keeps TimeSpan.MaxValue exact. Past 8 digits of hours the value is capped.
        var nanoseconds = (Int128)timeout.Ticks * NanosecondsPerTick;
        foreach (var (unit, size) in Units)
        {
            var amount = (nanoseconds / size) + (nanoseconds % size == 0 ? 0 : 1);
            if (amount <= GrpcProtocolConstants.MaxTimeoutValue)
            {
                return string.Concat(((long)amount).ToString(System.Globalization.CultureInfo.InvariantCulture), unit.ToString());
            }
        }
        return GrpcProtocolConstants.MaxTimeoutValue.ToString(System.Globalization.CultureInfo.InvariantCulture) + "H";
    }
}
