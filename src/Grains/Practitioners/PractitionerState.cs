namespace VetActors.Grains.Practitioners;

internal sealed class PractitionerState
{
    public Dictionary<string, BookingSlot> Bookings { get; set; } = new(StringComparer.Ordinal);

    public HashSet<string> Overdue { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset? PausedSince { get; set; }

    public int PauseCount { get; set; }

    internal sealed class BookingSlot
    {
        public DateTimeOffset Start { get; set; }

        public DateTimeOffset End { get; set; }

        public bool Flagged { get; set; }
    }
}
