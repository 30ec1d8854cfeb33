namespace VetActors.Grains.Practitioners;

internal sealed class PractitionerState
{
    public Dictionary<string, BookingSlot> Bookings { get; set; } = new(StringComparer.Ordinal);

    public HashSet<string> Overdue { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the practitioner was enrolled and by whom; <c>null</c> when never enrolled or withdrawn.</summary>
    public DateTimeOffset? EnrolledAt { get; set; }

    public string? EnrolledBy { get; set; }

    public DateTimeOffset? PausedSince { get; set; }

    public int PauseCount { get; set; }

    internal sealed class BookingSlot
    {
        public DateTimeOffset Start { get; set; }

        public DateTimeOffset End { get; set; }

        public bool Flagged { get; set; }
    }
}
