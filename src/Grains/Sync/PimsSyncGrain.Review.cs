using VetActors.Grains.Audit;
using VetActors.Grains.Common;

namespace VetActors.Grains.Sync;

internal sealed partial class PimsSyncGrain
{
    public Task<IReadOnlyList<ReviewItem>> GetReviewQueueAsync(bool includeResolved) =>
        Task.FromResult<IReadOnlyList<ReviewItem>>(
            (State.Review.Values.Where(r => includeResolved || r.Status == ReviewStatus.Open).OrderBy(r => r.HeldAt).ThenBy(r => r.Id, StringComparer.Ordinal)).ToArray());

    public async Task<ReviewItem> ApproveAsync(string itemId, string staffUserId, string? chosenClientId)
    {
        var item = OpenItem(itemId, staffUserId);
        switch (item.Kind)
        {
            case ReviewKind.ClientName or ReviewKind.ClientAddress or ReviewKind.ClientPhone:
                var entry = await ClientGrain(item.SubjectId!).ApplyReviewedAsync(item.Kind, item.Record.Client!, staffUserId);
                PutClient(entry);
                break;
            case ReviewKind.PetName:
                await PetGrain(item.SubjectId!).RenameAsync(item.Proposed!, "Name changed in the PIMS; approved by staff.", staffUserId);
                break;
            case ReviewKind.AmbiguousMatch:
                await ResolveMatchAsync(item, chosenClientId);
                break;
        }

        var resolved = item with { Status = ReviewStatus.Approved, ResolvedBy = staffUserId, ResolvedAt = time.GetUtcNow(), Note = chosenClientId };
        State.Review[item.Id] = resolved;
        var outcome = item.Kind != ReviewKind.AmbiguousMatch ? "approved"
            : chosenClientId is null ? "approved: kept as a client of its own"
            : $"approved: merged into client {chosenClientId}";
        await SaveAsync(new AuditRecord(AuditActors.Staff(staffUserId), "sync.review_approved", "review/" + item.Id, Describe(item), outcome));
        return resolved;
    }

    public async Task<ReviewItem> DismissAsync(string itemId, string staffUserId, string? note)
    {
        var item = OpenItem(itemId, staffUserId);
        if (item.Kind == ReviewKind.AmbiguousMatch)
        {
            // Nobody decided where this client belongs: it and the records waiting for it are refused, visibly.
            var ack = new AckBuilder();
            Reject(new Work(item.Record, 0, false), "client match dismissed by staff", ack);
            foreach (var waiting in State.Pending.Where(p => p.WaitingFor == "client:" + item.PimsId).ToList())
            {
                State.Pending.Remove(waiting);
                Reject(new Work(waiting.Record, waiting.Sequence, false), $"its client {item.PimsId} was dismissed by staff", ack);
            }
        }

        var resolved = item with { Status = ReviewStatus.Dismissed, ResolvedBy = staffUserId, ResolvedAt = time.GetUtcNow(), Note = note };
        State.Review[item.Id] = resolved;
        await SaveAsync(new AuditRecord(
            AuditActors.Staff(staffUserId), "sync.review_dismissed", "review/" + item.Id, Describe(item), string.IsNullOrWhiteSpace(note) ? "dismissed" : "dismissed: " + note));
        return resolved;
    }

    public Task<IReadOnlyList<MergeRecord>> GetMergesAsync() =>
        Task.FromResult<IReadOnlyList<MergeRecord>>((State.Merges.Values.OrderBy(m => m.MergedAt).ThenBy(m => m.MergeId, StringComparer.Ordinal)).ToArray());

    public async Task<MergeRecord> UndoMergeAsync(string mergeId, string staffUserId)
    {
        RequireStaff(staffUserId);
        if (!State.Merges.TryGetValue(mergeId, out var merge))
        {
            throw new NotFoundException("sync.merge_not_found", $"Merge {mergeId} does not exist.");
        }

        if (merge.UndoneAt is not null)
        {
            throw new RuleViolation("sync.merge_undone", $"Merge {mergeId} was undone by {merge.UndoneBy} at {merge.UndoneAt:u}.");
        }

        var undone = await SplitMergeAsync(merge, staffUserId);
        var pets = Index.PimsPatients.Where(p => p.Value.ClientId == undone.SplitClientId).Select(p => p.Value.PetId).Order(StringComparer.Ordinal).ToList();
        await SaveAsync(new AuditRecord(
            AuditActors.Staff(staffUserId),
            "sync.merge_undone",
            "merge/" + mergeId,
            $"PIMS client {merge.PimsClientId} merged into client {merge.ClientId} (matched on {string.Join(", ", merge.MatchedOn)})",
            $"split off as client {undone.SplitClientId}" + (pets.Count == 0 ? "" : $" with pets {string.Join(", ", pets)}")));
        return undone;
    }

    /// <summary>Splits a merged PIMS client off into a client of its own, with its pets; the caller saves.</summary>
    private async Task<MergeRecord> SplitMergeAsync(MergeRecord merge, string undoneBy)
    {
        var snapshot = await ClientGrain(merge.ClientId).UndoMergeAsync(merge.PimsClientId);
        var splitId = PimsSyncKeys.ClientIdFor(merge.PimsClientId);
        var split = await ClientGrain(splitId).SplitFromAsync(snapshot);
        await Task.WhenAll(snapshot.PimsPetIds.Select(petId => PetGrain(petId).MoveToOwnerAsync(splitId)));

        var restored = new ClientIndexEntry(
            merge.ClientId, snapshot.Restored.FirstName, snapshot.Restored.LastName, snapshot.Restored.Email, snapshot.Restored.Phones, snapshot.RestoredPimsId);
        PutClient(restored);
        PutClient(split);
        MapPimsClient(merge.PimsClientId, splitId);
        foreach (var (pimsPatientId, link) in Index.PimsPatients.Where(p => p.Value.ClientId == merge.ClientId && snapshot.PimsPetIds.Contains(p.Value.PetId)).ToList())
        {
            LinkPatient(pimsPatientId, link with { ClientId = splitId });
        }

        var undone = merge with { UndoneBy = undoneBy, UndoneAt = time.GetUtcNow(), SplitClientId = splitId };
        State.Merges[merge.MergeId] = undone;
        return undone;
    }

    public Task<IReadOnlyList<RejectedRecord>> GetRejectedAsync() => Task.FromResult<IReadOnlyList<RejectedRecord>>((State.RejectedRecords).ToArray());

    public Task<SyncPolicy> GetPolicyAsync() => Task.FromResult(State.Policy);

    public async Task<SyncPolicy> SetPolicyAsync(SyncPolicy policy, string staffUserId)
    {
        ArgumentNullException.ThrowIfNull(policy);
        RequireStaff(staffUserId);
        var before = State.Policy;
        State.Policy = policy;
        State.PolicyHistory.Add(new PolicyChange(policy, staffUserId, time.GetUtcNow()));
        await SaveAsync(new AuditRecord(AuditActors.Staff(staffUserId), "sync.policy_changed", "sync/policy", Describe(before), Describe(policy)));
        return policy;
    }

    public Task<ClientSearchResult> SearchClientsAsync(string query, int limit) => Task.FromResult(_directory.Published.Answer(query, limit));

    public Task<IReadOnlyList<ClientIndexEntry>> FindClientsByContactAsync(string emailOrPhone)
    {
        if (string.IsNullOrWhiteSpace(emailOrPhone) || emailOrPhone.Length > 254)
        {
            throw new ValidationException("email_or_phone", "must be 1-254 characters.");
        }

        return Task.FromResult<IReadOnlyList<ClientIndexEntry>>(_directory.Published.FindByContact(emailOrPhone));
    }

    public async Task IndexClientAsync(ClientIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        PutClient(entry);
        await SaveAsync();
    }

    /// <summary>Staff decided an ambiguous match: link the PIMS client to the chosen client (or a new one) and apply what waited for it.</summary>
    private async Task ResolveMatchAsync(ReviewItem item, string? chosenClientId)
    {
        string clientId;
        if (chosenClientId is null)
        {
            clientId = PimsSyncKeys.ClientIdFor(item.PimsId);
        }
        else if (item.Candidates.Contains(chosenClientId) && _directory.Get(chosenClientId) is { PimsId: null })
        {
            clientId = chosenClientId;
            RecordMerge(item.PimsId, clientId, ["staff"]);
        }
        else
        {
            throw new ValidationException("chosen_client_id", $"must be one of the unlinked candidates: {string.Join(", ", item.Candidates)}.");
        }

        MapPimsClient(item.PimsId, clientId);
        var work = new List<Work> { new(item.Record, 0, false) };
        // Everything still waiting goes round again: what waited for this client, and what waited for its patients.
        work.AddRange(State.Pending.Select(p => new Work(p.Record, p.Sequence, false)));
        State.Pending.Clear();
        await ApplyAsync(work, new AckBuilder(), finalDecision: false);
    }

    private ReviewItem OpenItem(string itemId, string staffUserId)
    {
        RequireStaff(staffUserId);
        if (!State.Review.TryGetValue(itemId, out var item))
        {
            throw new NotFoundException("sync.review_not_found", $"Review item {itemId} does not exist.");
        }

        if (item.Status != ReviewStatus.Open)
        {
            throw new RuleViolation("sync.review_closed", $"Review item {itemId} is {item.Status.ToString().ToLowerInvariant()}.");
        }

        return item;
    }

    private static void RequireStaff(string staffUserId)
    {
        if (string.IsNullOrWhiteSpace(staffUserId))
        {
            throw new ValidationException("staff_user_id", "is required: every review decision is audited.");
        }
    }
}
