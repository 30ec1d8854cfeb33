using System.Collections.Immutable;
using System.Globalization;
using VetActors.Actors;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;

namespace VetActors.Grains.Support;

internal sealed class SupportDeskGrain(
    [PersistentState("desk")] IPersistentState<SupportDeskState> desk,
    ISupportAuditTrail audit,
    TimeProvider time) : Grain, ISupportDeskGrain
{
    private string ClinicId => GrainKeys.ClinicIdOf(this.GetPrimaryKeyString());

    public async Task<SupportCase> OpenAsync(OpenSupportCase request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Description))
        {
            throw new ValidationException("description", "must say what happened.");
        }

        // Opening is retried after crashes (reminder redelivery): the same appointment and kind keep one open case.
        var existing = request.AppointmentReference is null
            ? null
            : desk.State.Cases.Find(c => c.IsOpen && c.Kind == request.Kind && c.AppointmentReference == request.AppointmentReference);
        if (existing is not null)
        {
            return existing;
        }

        var number = desk.State.LastCaseNumber + 1;
        var opened = new SupportCase(
            string.Create(CultureInfo.InvariantCulture, $"SC-{number:D6}"),
            request.Kind,
            request.AppointmentReference,
            request.PractitionerId,
            request.OpenedBy,
            request.Description,
            time.GetUtcNow(),
            Outcome: null,
            ResolvedBy: null,
            ResolutionNote: null,
            ResolvedAt: null);
        desk.State.LastCaseNumber = number;
        desk.State.Cases.Add(opened);
        await SaveAsync(new SupportAuditEntry(ClinicId, request.OpenedBy, "support_case.opened", opened.CaseId, $"{request.Kind} {request.AppointmentReference}", opened.OpenedAt));
        return opened;
    }

    public Task<ImmutableArray<SupportCase>> ListAsync(bool openOnly) =>
        Task.FromResult(desk.State.Cases.Where(c => !openOnly || c.IsOpen).Reverse().ToImmutableArray());

    // An unknown case faults the returned task, the shape every grain call's result has.
    public Task<SupportCase> GetAsync(string caseId) =>
        desk.State.Cases.Find(c => c.CaseId == caseId) is { } found ? Task.FromResult(found) : Task.FromException<SupportCase>(UnknownCase(caseId));

    public async Task<SupportCase> ResolveAsync(string caseId, SupportOutcome outcome, string resolvedBy, string note)
    {
        var open = Find(caseId);
        if (!open.IsOpen)
        {
            throw new RuleViolation("support.already_resolved", $"Support case {caseId} was resolved {open.Outcome} by {open.ResolvedBy} at {open.ResolvedAt:O}.");
        }

        if (!Enum.IsDefined(outcome))
        {
            throw new ValidationException("outcome", "must be in the practitioner's favour or against.");
        }

        // The appointment applies the decision first: if its rules refuse it, the case stays open. Applying is
        // idempotent per case, so a crash before the save below is repaired by resolving again.
        if (open.AppointmentReference is { } reference)
        {
            await GrainFactory.GetGrain<IAppointmentGrain>(GrainKeys.Appointment(ClinicId, reference)).ApplySupportDecisionAsync(caseId, outcome);
        }

        var resolved = open with { Outcome = outcome, ResolvedBy = resolvedBy, ResolutionNote = note, ResolvedAt = time.GetUtcNow() };
        desk.State.Cases[desk.State.Cases.IndexOf(open)] = resolved;
        await SaveAsync(new SupportAuditEntry(ClinicId, resolvedBy, "support_case.resolved", caseId, $"{outcome}: {note}", resolved.ResolvedAt!.Value));
        return resolved;
    }

    private SupportCase Find(string caseId) => desk.State.Cases.Find(c => c.CaseId == caseId) ?? throw UnknownCase(caseId);

    private static NotFoundException UnknownCase(string caseId) => new("support.case_not_found", $"Support case {caseId} does not exist.");

    private async Task SaveAsync(SupportAuditEntry entry)
    {
        await desk.WriteStateAsync();
        await audit.RecordAsync(entry, CancellationToken.None);
    }
}
