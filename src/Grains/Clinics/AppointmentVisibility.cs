using VetActors.Actors.Concurrency;
using VetActors.Grains.Pets;

namespace VetActors.Grains.Clinics;

/// <summary>
/// Which PIMS appointments the clinic's clients see: every type (<see cref="AllKinds"/>) or the listed PIMS types
/// (matched ignoring case and surrounding spaces), up to <see cref="HorizonDays"/> ahead of now.
/// </summary>
[Immutable]
public sealed record AppointmentVisibility(bool AllKinds, IReadOnlyList<string> Kinds, int HorizonDays)
{
    public const int DefaultHorizonDays = 180;
    public const int MaxHorizonDays = 365;
    public const int MaxKinds = 100;
    public const int MaxKindLength = 100;

    /// <summary>Every type, 180 days ahead: a clinic shows its bookings until it narrows them down.</summary>
    public static AppointmentVisibility Default { get; } = new(true, [], DefaultHorizonDays);

    /// <summary>Whether clients see appointments of PIMS type <paramref name="type"/>.</summary>
    public bool ShowsKind(string? type)
    {
        if (AllKinds)
        {
            return true;
        }

        var trimmed = type.AsSpan().Trim();
        foreach (var kind in Kinds)
        {
            if (trimmed.Equals(kind, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether clients see <paramref name="appointment"/> at <paramref name="now"/>: a visible type, not beyond the horizon.</summary>
    public bool Shows(PetAppointment appointment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return ShowsKind(appointment.Type) && appointment.Start <= now.AddDays(HorizonDays);
    }
}
