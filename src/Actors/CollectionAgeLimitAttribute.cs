namespace VetActors.Actors;

/// <summary>How long an activation of this grain class may stay idle before it is collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    public CollectionAgeLimitAttribute()
    {
    }

    /// <param name="inactivityPeriod">A <see cref="TimeSpan"/> string such as <c>"00:05:00"</c>.</param>
    public CollectionAgeLimitAttribute(string inactivityPeriod)
    {
        Minutes = TimeSpan.Parse(inactivityPeriod, System.Globalization.CultureInfo.InvariantCulture).TotalMinutes;
    }

    public double Days { get; init; }

    public double Hours { get; init; }

    public double Minutes { get; init; }

    /// <summary>Never collect while the silo runs.</summary>
    public bool AlwaysActive { get; init; }

    /// <summary>The limit as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Amount => AlwaysActive
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromDays(Days) + TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes);
}
