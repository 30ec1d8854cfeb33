using System.Globalization;
using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;

namespace VetActors.Grains.Clinics.Internal;

/// <summary>
/// A clinic's portal settings. Every portal home reads them, so the clinic's profile is read from the clinic grain
/// once per activation and kept with them: the profile is fixed at creation (the clinic grain has no way to change
/// it), and settings change only through this grain.
/// </summary>
internal sealed class ClinicSettingsGrain([PersistentState("settings")] IPersistentState<ClinicSettingsState> state) : Grain, IClinicSettingsGrain
{
    private ClinicPortalView? _view;

    private string ClinicId => GrainKeys.ClinicIdOf(this.GetPrimaryKeyString());

    public async Task<ClinicPortalView> GetPortalViewAsync() => _view ?? await LoadViewAsync();

    public async Task<ClinicPortalView> UpdateAsync(ClinicSettings settings, string staffUserId)
    {
        var next = Normalize(settings);
        if (string.IsNullOrWhiteSpace(staffUserId))
        {
            throw new ValidationException("staff_user_id", "is required.");
        }

        var view = _view ?? await LoadViewAsync();
        var before = Describe(view.Settings);
        state.State.Settings = next;
        await SaveAsync(new AuditRecord(AuditActors.Staff(staffUserId), "clinic.settings_changed", ClinicId + "/settings/portal", before, Describe(next)));
        _view = view with { Settings = next };
        return _view;
    }

    private async Task<ClinicPortalView> LoadViewAsync()
    {
        var profile = await GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic(ClinicId)).GetProfileAsync();
        _view = new ClinicPortalView(
            profile, state.State.Settings ?? ClinicSettings.Default, PimsCapabilities.Supports(profile.PimsKind, PimsFeature.ServiceReminders));
        return _view;
    }

    /// <summary>The one save path: state first, then its audit entry (an entry never describes a change that was not kept).</summary>
    private async Task SaveAsync(AuditRecord record)
    {
        await state.WriteStateAsync();
        await AuditLog.For(GrainFactory, ClinicId).AppendAsync(record);
    }

    /// <summary>Checks every field and returns the settings as stored: kinds trimmed, duplicates dropped, widgets in catalogue order.</summary>
    private static ClinicSettings Normalize(ClinicSettings? settings)
    {
        if (settings?.Appointments is not { } appointments)
        {
            throw new ValidationException("settings.appointments", "is required.");
        }

        var violations = new List<FieldViolation>();
        if (appointments.HorizonDays is < 1 or > AppointmentVisibility.MaxHorizonDays)
        {
            violations.Add(new FieldViolation("settings.appointments.horizon_days", $"must be 1-{AppointmentVisibility.MaxHorizonDays} days."));
        }

        var kinds = new List<string>();
        foreach (var kind in appointments.Kinds ?? [])
        {
            var trimmed = kind?.Trim() ?? "";
            if (trimmed.Length is 0 or > AppointmentVisibility.MaxKindLength)
            {
                violations.Add(new FieldViolation("settings.appointments.kinds", $"each kind must be 1-{AppointmentVisibility.MaxKindLength} characters."));
                break;
            }

            if (!kinds.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            {
                kinds.Add(trimmed);
            }
        }

        if (kinds.Count > AppointmentVisibility.MaxKinds)
        {
            violations.Add(new FieldViolation("settings.appointments.kinds", $"must list at most {AppointmentVisibility.MaxKinds} kinds."));
        }

        var widgets = settings.Widgets ?? [];
        if (widgets.Any(w => !Enum.IsDefined(w)))
        {
            violations.Add(new FieldViolation("settings.widgets", "must name widgets of the catalogue (online booking, pharmacy, payments, reviews, chat)."));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }

        return new ClinicSettings(
            new AppointmentVisibility(appointments.AllKinds, kinds, appointments.HorizonDays),
            [.. widgets.Distinct().Order()],
            settings.ServiceRemindersEnabled);
    }

    private static string Describe(ClinicSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"appointments: {(s.Appointments.AllKinds ? "all kinds" : s.Appointments.Kinds.Count == 0 ? "none" : string.Join(", ", s.Appointments.Kinds))}, " +
        $"{s.Appointments.HorizonDays} days ahead; widgets: {(s.Widgets.Count == 0 ? "none" : string.Join(", ", s.Widgets))}; " +
        $"service reminders: {(s.ServiceRemindersEnabled ? "on" : "off")}");
}
