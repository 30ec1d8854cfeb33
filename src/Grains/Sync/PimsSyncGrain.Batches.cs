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
            return Replay(batch) with { ResyncRequested = State.ResyncRequested };
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
            State.ImportClients = new(StringComparer.Ordinal);
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
        return new BatchAck(batch.Sequence, ack.Applied, ack.Held, ack.Rejected, ResyncRequested: State.ResyncRequested);
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
    /// Resolves every record to its grain (clients first, then patients, then what hangs off patients) and applies
    /// them with one call per grain: pets first, all in parallel, because each pet decides by version whether a
    /// record moves or deletes it; then the clients, all in parallel, with their records and the pets their lists
    /// gain or lose by those decisions. Records whose client or patient is unknown wait in
    /// <see cref="PimsSyncState.Pending"/>, or are rejected when <paramref name="finalDecision"/> says no more
    /// records of this import will come.
    /// </summary>
    private async Task ApplyAsync(List<Work> work, AckBuilder ack, bool finalDecision)
    {
        var policy = State.FullImportInProgress && !State.InitialImportCompleted ? SyncPolicy.ApplyAll : State.Policy;
        var clients = new Dictionary<string, ClientPlan>(StringComparer.Ordinal);
        ClientPlan ClientOf(string id) => clients.TryGetValue(id, out var p) ? p : clients[id] = new ClientPlan();

        await SeparateRecordsOfThisImportAsync(work);
        PlanClients(work, ClientOf, ack);
        var pets = PlanPets(work, finalDecision, ack);

        var petResults = await Task.WhenAll(pets.Select(async kv =>
            (kv.Key, kv.Value, await PetGrain(kv.Key).ApplyPimsAsync(new PetPimsUpdate(kv.Value.OwnerForUpdate, [.. kv.Value.Works.Select(w => w.Record)], policy)))));
        foreach (var (petId, plan, result) in petResults)
        {
            FollowPet(petId, plan, result, ClientOf);
        }

        var clientResults = await Task.WhenAll(clients.Select(async kv =>
            (kv.Key, kv.Value, await ClientGrain(kv.Key).ApplyPimsAsync(
                new ClientPimsUpdate(kv.Value.PimsId ?? "", kv.Value.Record, policy, [.. kv.Value.Link], [.. kv.Value.Unlink], kv.Value.MergedOn)))));
        foreach (var (clientId, plan, result) in clientResults)
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

        foreach (var (petId, plan, result) in petResults)
        {
            for (var i = 0; i < plan.Works.Count; i++)
            {
                var item = plan.Works[i];
                var reasons = result.Records[i].Held.Select(h => HoldForReview(h, petId, item.Record.Id, item.Record)).ToList();
                Settle(item, result.Records[i].Stale, reasons, ack);
            }
        }
    }

    private void PlanClients(List<Work> work, Func<string, ClientPlan> clientOf, AckBuilder ack)
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in work.Where(w => w.Record.Kind == PimsRecordKind.Client || IsDeletionOf(w, PimsRecordKind.Client)))
        {
            var record = item.Record;
            var pimsId = record.Kind == PimsRecordKind.Client ? record.Id : record.Deletion!.TargetId;
            if (State.FullImportInProgress)
            {
                State.ImportClients.Add(pimsId);
            }

            if (!Index.PimsClients.TryGetValue(pimsId, out var clientId))
            {
                if (record.Kind == PimsRecordKind.Deletion)
                {
                    // The client grain keeps the deletion's version, so an older record of this client arriving
                    // later cannot bring it back.
                    clientId = PimsSyncKeys.ClientIdFor(pimsId);
                    MapPimsClient(pimsId, clientId);
                }
                else if (!TryPlaceNewClient(item, pimsId, claimed, ack, out clientId, out var mergedOn))
                {
                    continue;
                }
                else
                {
                    clientOf(clientId).MergedOn = mergedOn;
                }
            }

            var plan = clientOf(clientId);
            plan.PimsId = pimsId;
            if (plan.Record is null || record.Version >= plan.Record.Version)
            {
                plan.Record = record;
            }

            plan.Works.Add(item);
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
            .Where(m => _directory.Get(m.Key) is { } candidate && MayMergeWith(candidate, pimsId) && !claimed.Contains(m.Key))
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
}
