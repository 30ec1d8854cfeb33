using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;

namespace VetActors.Grains.Sync;

/// <summary>How a batch's records are settled in its ack (applied, held, rejected) and the review items they open.</summary>
internal sealed partial class PimsSyncGrain
{
    private string HoldForReview(HeldChange change, string subjectId, string pimsId, PimsRecord record)
    {
        var item = AddReview(change.Kind, subjectId, pimsId, change.Current, change.Proposed, [], record);
        return $"{KindName(change.Kind)} change held for review ({item.Id})";
    }

    private ReviewItem AddReview(ReviewKind kind, string? subjectId, string pimsId, string? current, string? proposed, List<string> candidates, PimsRecord record)
    {
        foreach (var open in State.Review.Values.Where(r => r.Status == ReviewStatus.Open && r.Kind == kind && r.PimsId == pimsId && r.SubjectId == subjectId).ToList())
        {
            if (open.Proposed == proposed)
            {
                return open;
            }

            State.Review[open.Id] = open with { Status = ReviewStatus.Superseded, ResolvedAt = time.GetUtcNow(), ResolvedBy = "pims" };
        }

        var item = new ReviewItem("r-" + State.NextReviewNumber++, kind, subjectId, pimsId, current, proposed, candidates, record, time.GetUtcNow());
        State.Review[item.Id] = item;
        return item;
    }

    private void Settle(Work item, bool stale, List<string> heldReasons, AckBuilder ack)
    {
        if (heldReasons.Count > 0)
        {
            Held(item, string.Join("; ", heldReasons) + "; the rest of the record applied", ack);
        }
        else
        {
            Applied(item, stale ? "older than the version held; the newer one stays" : null, ack);
        }
    }

    private void Wait(Work item, string waitingFor, string why, bool finalDecision, AckBuilder ack)
    {
        // Still waiting for staff to place its client, or for a patient that itself still waits: not refused yet.
        var blockedByReview = waitingFor.StartsWith("client:", StringComparison.Ordinal)
            ? State.Review.Values.Any(r => r.Status == ReviewStatus.Open && r.Kind == ReviewKind.AmbiguousMatch && r.PimsId == waitingFor[7..])
            : State.Pending.Any(p => p.Record.Kind == PimsRecordKind.Patient && p.Record.Id == waitingFor[8..]);
        if (finalDecision && !blockedByReview)
        {
            Reject(item, why + (State.FullImportInProgress ? " by the end of the import" : "") + "; send it with or after its owner", ack);
            return;
        }

        State.Pending.Add(new PendingRecord(item.Sequence, item.Record, waitingFor));
        if (item.Current)
        {
            Held(item, why + " yet; waiting for it", ack);
        }
    }

    private void Applied(Work item, string? reason, AckBuilder ack)
    {
        if (item.Current)
        {
            ack.Applied.Add(new RecordOutcome(item.Record.Kind, item.Record.Id, reason));
        }
        else
        {
            State.Held--;
        }

        State.Applied++;
    }

    private void Held(Work item, string reason, AckBuilder ack)
    {
        if (item.Current)
        {
            ack.Held.Add(new RecordOutcome(item.Record.Kind, item.Record.Id, reason));
            State.Held++;
        }
    }

    private void Reject(Work item, string reason, AckBuilder ack)
    {
        if (item.Current)
        {
            ack.Rejected.Add(new RecordOutcome(item.Record.Kind, item.Record.Id, reason));
        }
        else
        {
            // Decided now, reported with the batch that decided it.
            ack.Rejected.Add(new RecordOutcome(item.Record.Kind, item.Record.Id, reason));
            State.Held--;
        }

        State.Rejected++;
        State.RejectedRecords.Insert(0, new RejectedRecord(item.Sequence, item.Record.Kind, item.Record.Id, reason, item.Record.Raw, time.GetUtcNow()));
        if (State.RejectedRecords.Count > _options.RejectedRecordsKept)
        {
            State.RejectedRecords.RemoveRange(_options.RejectedRecordsKept, State.RejectedRecords.Count - _options.RejectedRecordsKept);
        }
    }

    private static bool IsDeletionOf(Work w, PimsRecordKind kind) => w.Record.Kind == PimsRecordKind.Deletion && w.Record.Deletion!.TargetKind == kind;

    private static string KindName(ReviewKind kind) => kind switch
    {
        ReviewKind.ClientName => "client name",
        ReviewKind.ClientAddress => "client address",
        ReviewKind.ClientPhone => "client phone",
        ReviewKind.PetName => "pet name",
        _ => "client match",
    };

    private IClientGrain ClientGrain(string clientId) => GrainFactory.GetGrain<IClientGrain>(GrainKeys.Client(ClinicId, clientId));

    private IPetGrain PetGrain(string petId) => GrainFactory.GetGrain<IPetGrain>(GrainKeys.Pet(ClinicId, petId));

    private sealed record Work(PimsRecord Record, long Sequence, bool Current);

    private sealed class AckBuilder
    {
        public List<RecordOutcome> Applied { get; } = [];

        public List<RecordOutcome> Held { get; } = [];

        public List<RecordOutcome> Rejected { get; } = [];
    }

    private sealed class ClientPlan
    {
        public string? PimsId { get; set; }

        public PimsRecord? Record { get; set; }

        public List<string>? MergedOn { get; set; }

        public List<Work> Works { get; } = [];

        public HashSet<string> Link { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Unlink { get; } = new(StringComparer.Ordinal);
    }
}
