using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Events;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync.Internal;

namespace VetActors.Grains.Sync;

internal sealed partial class PimsSyncGrain
{
    public async Task<BatchAck> ApplyBatchAsync(string sessionId, SyncBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = time.GetUtcNow();
        UpdateSession(sessionId, s => s with { LastSeenAt = now, BatchesReceived = s.BatchesReceived + 1 });
        Touch(now);
        if (batch.Sequence <= State.LastSequence)
        {
            await SaveAsync();
            AnnounceStatus(batch: null);
            return Replay(batch);
        }

        if (batch.Sequence != State.LastSequence + 1)
        {
            throw new RuleViolation(
                "sync.sequence_gap", $"Batch {batch.Sequence} does not follow {State.LastSequence}; resume from {State.LastSequence + 1}.");
        }

        var ack = new AckBuilder();
        var work = new List<Work>(State.Pending.Count + batch.Records.Count);
        work.AddRange(State.Pending.Select(p => new Work(p.Record, p.Sequence, false)));
        State.Pending = [];
        for (var i = 0; i < batch.Records.Count; i++)
        {
            var record = batch.Records[i];
            var violations = i >= _options.MaxRecordsPerBatch
                ? [new FieldViolation("batch", $"holds more than {_options.MaxRecordsPerBatch} records; send the rest in another batch.")]
                : RecordValidator.Validate(record, now, _options.MaxRecordBytes);
            if (violations.Count > 0)
            {
                Reject(new Work(record, batch.Sequence, true), string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")), ack);
            }
            else
            {
                work.Add(new Work(record, batch.Sequence, true));
            }
        }

        State.Received += batch.Records.Count;
        var finalDecision = batch.EndOfImport || !State.FullImportInProgress;
        try
        {
            await ApplyAsync(work, ack, finalDecision);
        }
        catch
        {
            // The in-memory index may hold mappings whose grains were not written: start again from storage.
            DeactivateOnIdle();
            throw;
        }

        if (batch.EndOfImport && State.FullImportInProgress)
        {
            State.FullImportInProgress = false;
            State.InitialImportCompleted = true;
            Log.ImportCompleted(logger, ClinicId, batch.Sequence);
        }

        if (State.FirstDataAt is null && batch.Records.Count > 0)
        {
            State.FirstDataAt = now;
            Queue(ClinicNotificationKind.FirstDataReceived,
                "Your practice-management system is connected",
                "VetActors has received the first records from your practice-management system. Clients and pets appear as they arrive; "
                + "the integration status page shows the import's progress.");
        }

        State.LastSequence = batch.Sequence;
        State.RecentAcks.Add(new StoredAck(batch.Sequence, ack.Held, ack.Rejected));
        if (State.RecentAcks.Count > AcksKept)
        {
            State.RecentAcks.RemoveRange(0, State.RecentAcks.Count - AcksKept);
        }

        await SaveAsync();
        AnnounceStatus(new SyncBatchSummary(batch.Sequence, ack.Applied.Count, ack.Held.Count, ack.Rejected.Count));
        await DeliverOutgoingAsync(CancellationToken.None);
        Log.BatchApplied(logger, ClinicId, batch.Sequence, ack.Applied.Count, ack.Held.Count, ack.Rejected.Count);
        return new BatchAck(batch.Sequence, ack.Applied, ack.Held, ack.Rejected);
    }

    private BatchAck Replay(SyncBatch batch)
    {
        var stored = State.RecentAcks.Find(a => a.Sequence == batch.Sequence);
        if (stored is null)
        {
            return new BatchAck(
                batch.Sequence, [.. batch.Records.Select(r => new RecordOutcome(r.Kind, r.Id, "acknowledged earlier"))], [], [], Replayed: true);
        }

        var decided = stored.Held.Concat(stored.Rejected).Select(o => (o.Kind, o.RecordId)).ToHashSet();
        var applied = batch.Records.Where(r => !decided.Contains((r.Kind, r.Id))).Select(r => new RecordOutcome(r.Kind, r.Id)).ToList();
        return new BatchAck(batch.Sequence, applied, stored.Held, stored.Rejected, Replayed: true);
    }

    /// <summary>
    /// Resolves every record to its grain (clients first, then patients, then what hangs off patients), applies
    /// them with one call per grain, all grains in parallel, and records the outcomes. Records whose client or
    /// patient is unknown wait in <see cref="PimsSyncState.Pending"/>, or are rejected when
    /// <paramref name="finalDecision"/> says no more records of this import will come.
    /// </summary>
    private async Task ApplyAsync(List<Work> work, AckBuilder ack, bool finalDecision)
    {
        var policy = State.FullImportInProgress && !State.InitialImportCompleted ? SyncPolicy.ApplyAll : State.Policy;
        var clients = new Dictionary<string, ClientPlan>(StringComparer.Ordinal);
        var pets = new Dictionary<string, PetPlan>(StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        ClientPlan ClientOf(string id) => clients.TryGetValue(id, out var p) ? p : clients[id] = new ClientPlan();

        foreach (var item in work.Where(w => w.Record.Kind == PimsRecordKind.Client || IsDeletionOf(w, PimsRecordKind.Client)))
        {
            var record = item.Record;
            var pimsId = record.Kind == PimsRecordKind.Client ? record.Id : record.Deletion!.TargetId;
            if (!Index.PimsClients.TryGetValue(pimsId, out var clientId))
            {
                if (record.Kind == PimsRecordKind.Deletion)
                {
                    Applied(item, "no such client; nothing to delete", ack);
                    continue;
                }

                if (!TryPlaceNewClient(item, pimsId, claimed, ack, out clientId, out var mergedOn))
                {
                    continue;
                }

                ClientOf(clientId).MergedOn = mergedOn;
            }

            var plan = ClientOf(clientId);
            plan.PimsId = pimsId;
            if (plan.Record is null || record.Version >= plan.Record.Version)
            {
                plan.Record = record;
            }

            plan.Works.Add(item);
        }

        foreach (var item in work.Where(w => w.Record.Kind == PimsRecordKind.Patient || IsDeletionOf(w, PimsRecordKind.Patient)))
        {
            var record = item.Record;
            if (record.Kind == PimsRecordKind.Deletion)
            {
                if (!Index.PimsPatients.TryGetValue(record.Deletion!.TargetId, out var gone))
                {
                    Applied(item, "no such patient; nothing to delete", ack);
                    continue;
                }

                ClientOf(gone.ClientId).Unlink.Add(gone.PetId);
                AddPetWork(pets, gone.PetId, gone.ClientId, item);
                continue;
            }

            var owner = record.Patient!.ClientId;
            if (!Index.PimsClients.TryGetValue(owner, out var clientId))
            {
                Wait(item, "client:" + owner, $"client {owner} has not arrived", finalDecision, ack);
                continue;
            }

            var link = Index.PimsPatients.GetValueOrDefault(record.Id);
            var petId = link?.PetId ?? PimsSyncKeys.PetIdFor(record.Id);
            if (link is null || link.ClientId != clientId)
            {
                if (link is not null)
                {
                    ClientOf(link.ClientId).Unlink.Add(petId);
                }

                ClientOf(clientId).Link.Add(petId);
                LinkPatient(record.Id, new PatientLink(petId, clientId));
            }

            AddPetWork(pets, petId, clientId, item);
        }

        foreach (var item in work.Where(w => w.Record.PatientId is not null && w.Record.Kind is not (PimsRecordKind.Patient or PimsRecordKind.Client)
            && !IsDeletionOf(w, PimsRecordKind.Client) && !IsDeletionOf(w, PimsRecordKind.Patient)))
        {
            var patientId = item.Record.PatientId!;
            if (!Index.PimsPatients.TryGetValue(patientId, out var link))
            {
                Wait(item, "patient:" + patientId, $"patient {patientId} has not arrived", finalDecision, ack);
                continue;
            }

            AddPetWork(pets, link.PetId, link.ClientId, item);
        }

        var petCalls = pets.Select(async kv =>
            (kv.Key, kv.Value, await PetGrain(kv.Key).ApplyPimsAsync(new PetPimsUpdate(kv.Value.Owner, [.. kv.Value.Works.Select(w => w.Record)], policy))));
        var clientCalls = clients.Select(async kv =>
            (kv.Key, kv.Value, await ClientGrain(kv.Key).ApplyPimsAsync(
                new ClientPimsUpdate(kv.Value.PimsId ?? "", kv.Value.Record, policy, [.. kv.Value.Link], [.. kv.Value.Unlink], kv.Value.MergedOn))));
        var petResults = Task.WhenAll(petCalls);
        var clientResults = Task.WhenAll(clientCalls);
        await Task.WhenAll(petResults, clientResults);

        foreach (var (clientId, plan, result) in clientResults.Result)
        {
            PutClient(result.Entry);
            if (plan.MergedOn is { } keys && plan.PimsId is { } pimsId && !result.Stale)
            {
                RecordMerge(pimsId, clientId, keys);
            }

            var reasons = result.Held.Select(h => HoldForReview(h, clientId, plan.PimsId!, plan.Record!)).ToList();
            foreach (var item in plan.Works)
            {
                Settle(item, result.Stale, reasons, ack);
            }
        }

        foreach (var (petId, plan, results) in petResults.Result)
        {
            for (var i = 0; i < plan.Works.Count; i++)
            {
                var item = plan.Works[i];
                var reasons = results[i].Held.Select(h => HoldForReview(h, petId, item.Record.Id, item.Record)).ToList();
                Settle(item, results[i].Stale, reasons, ack);
            }
        }
    }

    private bool TryPlaceNewClient(Work item, string pimsId, HashSet<string> claimed, AckBuilder ack, out string clientId, out List<string>? mergedOn)
    {
        mergedOn = null;
        clientId = PimsSyncKeys.ClientIdFor(pimsId);
        var open = State.Review.Values.FirstOrDefault(r => r.Status == ReviewStatus.Open && r.Kind == ReviewKind.AmbiguousMatch && r.PimsId == pimsId);
        if (open is not null)
        {
            // Still waiting for staff: the newer record replaces the one under review.
            State.Review[open.Id] = open with { Record = item.Record };
            Held(item, $"matches several existing clients; waiting for staff ({open.Id})", ack);
            return false;
        }

        var matches = _directory.FindMatches(item.Record.Client!)
            .Where(m => _directory.Get(m.Key) is { PimsId: null } && !claimed.Contains(m.Key))
            .ToList();
        if (matches.Count > 1)
        {
            var review = AddReview(ReviewKind.AmbiguousMatch, null, pimsId, null, $"{item.Record.Client!.FirstName} {item.Record.Client.LastName}",
                [.. matches.Select(m => m.Key).Order(StringComparer.Ordinal)], item.Record);
            Held(item, $"matches {matches.Count} existing clients ({string.Join(", ", matches.Select(m => $"{m.Key} on {string.Join(" and ", m.Value)}"))}); held for staff ({review.Id})", ack);
            return false;
        }

        if (matches.Count == 1)
        {
            clientId = matches[0].Key;
            mergedOn = matches[0].Value;
            claimed.Add(clientId);
        }

        MapPimsClient(pimsId, clientId);
        return true;
    }

    private void RecordMerge(string pimsId, string clientId, IReadOnlyList<string> keys)
    {
        if (State.Merges.Values.Any(m => m.PimsClientId == pimsId && m.ClientId == clientId && m.UndoneAt is null))
        {
            return;
        }

        var id = "m-" + (State.Merges.Count + 1);
        State.Merges[id] = new MergeRecord(id, pimsId, clientId, [.. keys], time.GetUtcNow());
    }

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

    private static void AddPetWork(Dictionary<string, PetPlan> pets, string petId, string owner, Work item)
    {
        if (!pets.TryGetValue(petId, out var plan))
        {
            pets[petId] = plan = new PetPlan { Owner = owner };
        }

        plan.Owner = owner;
        plan.Works.Add(item);
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

    private sealed class PetPlan
    {
        public string Owner { get; set; } = "";

        public List<Work> Works { get; } = [];
    }
}
