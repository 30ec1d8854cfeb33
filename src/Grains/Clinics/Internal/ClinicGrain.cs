using Microsoft.Extensions.Options;
using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Identity.Internal;

namespace VetActors.Grains.Clinics.Internal;

internal sealed partial class ClinicGrain(
    [PersistentState("clinic")] IPersistentState<ClinicState> state, TimeProvider time, IOptions<IdentityOptions> options) : Grain, IClinicGrain
{
    private string ClinicId => GrainKeys.ClinicIdOf(this.GetPrimaryKeyString());

    private ClinicProfile Profile => state.State.Profile ?? throw new NotFoundException("clinic.not_found", $"Clinic '{ClinicId}' does not exist.");

    public async Task<ClinicProfile> CreateAsync(NewClinic clinic)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var p = clinic.Profile;
        new Checks()
            .That(p.ClinicId == ClinicId, "clinic_id", "does not match the clinic being created.")
            .Required("name", p.Name)
            .Required("address", p.Address, 400)
            .Phone("phone", p.Phone)
            .Optional("website", p.Website)
            .Optional("hours", p.Hours, 400)
            .That(IsTimeZone(p.TimeZone), "time_zone", "must be an IANA time zone such as America/Chicago.")
            .Phone("sms_number", p.SmsNumber)
            .That(Enum.IsDefined(p.PimsKind) && p.PimsKind != PimsKind.Unspecified, "pims_kind", "must name the clinic's PIMS.")
            .Id("practice_id", p.PracticeId)
            .Password("practice_password", clinic.PracticePassword, options.Value.MinimumPasswordLength)
            .ThrowIfAny();

        if (state.State.Profile is not null)
        {
            throw new AlreadyExistsException("clinic.exists", $"Clinic '{ClinicId}' exists already.");
        }

        await GrainFactory.GetGrain<IClinicDirectoryGrain>(IClinicDirectoryGrain.Key).RegisterAsync(p.PracticeId, ClinicId);
        state.State.Profile = p;
        state.State.PracticePasswordHash = PasswordHasher.Hash(clinic.PracticePassword, options.Value.PasswordHashIterations);
        await SaveAsync(new AuditRecord(AuditActors.InternalService, "clinic.created", ClinicId, After: $"{p.Name}; PIMS {p.PimsKind}; practice id {p.PracticeId}"));
        return p;
    }

    public Task<ClinicProfile> GetProfileAsync() => Completed.From(() => Profile);

    public async Task<IssuedCredential> OpenPracticeSessionAsync(string practicePassword)
    {
        _ = Profile;
        var now = time.GetUtcNow();
        var lockout = state.State.PracticeLockout;

        // A locked login still costs a hash, so timing does not tell a lockout from a wrong password.
        var matches = PasswordHasher.Verify(practicePassword ?? string.Empty, state.State.PracticePasswordHash);
        if (!matches || lockout.IsLocked(now))
        {
            var locked = !lockout.IsLocked(now) && lockout.RecordFailure(now, options.Value);
            await SaveAsync(new AuditRecord(AuditActors.Anonymous, locked ? "practice.locked_out" : "practice.sign_in_failed", ClinicId));
            throw new AuthenticationFailedException();
        }

        lockout.Reset();
        var session = await Sessions.OpenAsync(
            GrainFactory, ClinicId, SessionKind.Practice, string.Empty, null, now + options.Value.PracticeSessionLifetime);
        await SaveAsync(new AuditRecord(AuditActors.Practice(session.Id), "practice.signed_in", ClinicId));
        return session;
    }

    private Task SaveAsync() => state.WriteStateAsync();

    /// <summary>The one save path: state first, then its audit entry (an entry never describes a change that was not kept).</summary>
    private async Task SaveAsync(AuditRecord record)
    {
        await SaveAsync();
        await AuditLog.For(GrainFactory, ClinicId).AppendAsync(record);
    }

    private static bool IsTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
    }
}
