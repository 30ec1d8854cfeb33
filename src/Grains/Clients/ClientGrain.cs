using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;
using VetActors.Grains.Sync.Internal;

namespace VetActors.Grains.Clients;

/// <summary>
/// A client. The PIMS is the source of its identity; which changes apply at once and which wait for staff is
/// decided here, under the clinic's policy the sync grain passes in.
/// </summary>
internal sealed partial class ClientGrain(
    [PersistentState("client")] IPersistentState<ClientState> client,
    TimeProvider time) : Grain, IClientGrain
{
    private ClientState State => client.State;

    private string Key => this.GetPrimaryKeyString();

    private string ClientId => Key[(Key.LastIndexOf('/') + 1)..];

    public async Task<ClientProfile> CreateAsync(ClientDetails details, string source)
    {
        ArgumentNullException.ThrowIfNull(details);
        var violations = RecordValidator.ValidateClient(details.FirstName, details.LastName, details.Email, details.Phones);
        if (string.IsNullOrWhiteSpace(source))
        {
            violations.Add(new FieldViolation("source", "is required."));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }

        if (State.Exists)
        {
            throw new AlreadyExistsException("client.exists", $"Client {ClientId} exists already.");
        }

        State.Exists = true;
        State.Source = source;
        State.Details = details;
        await SaveAsync();
        await SyncGrain().IndexClientAsync(Entry());
        return Profile();
    }

    public async Task<ClientApplyResult> ApplyPimsAsync(ClientPimsUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var held = new List<HeldChange>();
        var stale = false;
        if (update.Record is { } record)
        {
            // Versions compare records of one PIMS id; a record of another id merging in is never older than this one.
            var takesOver = update.MergedOn is not null && State.PimsId is not null && State.PimsId != update.PimsClientId;
            if (!takesOver && State.PimsVersion is { } stored && record.Version <= stored)
            {
                stale = record.Version < stored;
            }
            else if (record.Kind == PimsRecordKind.Deletion)
            {
                State.PimsId = update.PimsClientId;
                State.PimsVersion = record.Version;
                State.Deleted = true;
            }
            else
            {
                ApplyClientRecord(update, record, takesOver, held);
            }

            State.DataAsOf = time.GetUtcNow();
        }

        foreach (var petId in update.LinkPetIds)
        {
            AddOnce(State.PetIds, petId);
            AddOnce(State.PimsPetIds, petId);
        }

        foreach (var petId in update.UnlinkPetIds)
        {
            State.PetIds.Remove(petId);
            State.PimsPetIds.Remove(petId);
        }

        await SaveAsync();
        return new ClientApplyResult(stale, held, Entry());
    }

    public async Task<ClientIndexEntry> ApplyReviewedAsync(ReviewKind kind, PimsClientData proposed, string staffUserId)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        EnsureExists();
        State.Details = kind switch
        {
            ReviewKind.ClientName => State.Details with { FirstName = proposed.FirstName, LastName = proposed.LastName },
            ReviewKind.ClientAddress => State.Details with { Address = proposed.Address },
            ReviewKind.ClientPhone => State.Details with { Phones = proposed.Phones },
            _ => throw new ValidationException("kind", $"{kind} is not a client change."),
        };
        await SaveAsync();
        return Entry();
    }

    public async Task<MergeSnapshot> UndoMergeAsync(string pimsClientId)
    {
        EnsureExists();
        if (State.MergedFromPims != pimsClientId || State.PimsVersion is not { } version)
        {
            throw new RuleViolation("client.not_merged", $"PIMS client {pimsClientId} is not merged into client {ClientId}.");
        }

        var snapshot = new MergeSnapshot(
            pimsClientId, version, State.PimsDetails ?? State.Details, [.. State.PimsPetIds], State.PreMergeDetails ?? State.Details);
        State.Details = snapshot.Restored;
        State.PetIds.RemoveAll(State.PimsPetIds.Contains);
        State.PimsPetIds.Clear();
        State.PimsId = State.PreMergePims?.PimsId;
        State.PimsVersion = State.PreMergePims?.PimsVersion;
        State.PimsDetails = State.PreMergePims?.PimsDetails;
        State.PimsPetIds = State.PreMergePims?.PimsPetIds ?? [];
        State.MergedFromPims = null;
        State.PreMergeDetails = null;
        State.PreMergePims = null;
        await SaveAsync();
        return snapshot with { RestoredPimsId = State.PimsId };
    }

    public async Task<ClientIndexEntry> SplitFromAsync(MergeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (State.Exists && State.PimsId != snapshot.PimsClientId)
        {
            throw new AlreadyExistsException("client.exists", $"Client {ClientId} exists already.");
        }

        State.Exists = true;
        State.Source = "pims";
        State.Details = snapshot.PimsDetails;
        State.PimsDetails = snapshot.PimsDetails;
        State.PimsId = snapshot.PimsClientId;
        State.PimsVersion = snapshot.PimsVersion;
        State.PetIds = [.. snapshot.PimsPetIds];
        State.PimsPetIds = [.. snapshot.PimsPetIds];
        State.DataAsOf ??= time.GetUtcNow();
        await SaveAsync();
        return Entry();
    }

    public Task<ClientProfile> GetProfileAsync()
    {
        EnsureExists();
        return Task.FromResult(Profile());
    }

    public async Task<IReadOnlyList<PetProfile>> GetPetsAsync()
    {
        EnsureExists();
        var clinicId = GrainKeys.ClinicIdOf(Key);
        var profiles = await Task.WhenAll(State.PetIds.Select(id => GrainFactory.GetGrain<IPetGrain>(GrainKeys.Pet(clinicId, id)).GetProfileAsync()));
        return (profiles.Where(p => !p.Deleted)).ToArray();
    }

    private void ApplyClientRecord(ClientPimsUpdate update, PimsRecord record, bool takesOver, List<HeldChange> held)
    {
        var data = record.Client ?? throw new ValidationException("client", "A client record needs its client data.");
        var proposed = new ClientDetails(data.FirstName, data.LastName, data.Address, data.Phones, data.Email);
        // A client from an earlier import under another PIMS id is merged into only when the sync grain says so.
        if (!State.Exists || State.Deleted || State.PimsId is null || takesOver)
        {
            // A new client, or an existing one the PIMS client merges into: the PIMS copy wins, the old details
            // (and the earlier PIMS link) are kept so the merge can be undone.
            if (State.Exists && !State.Deleted && (State.PimsId is null || takesOver))
            {
                State.MergedFromPims = update.PimsClientId;
                State.PreMergeDetails = State.Details;
                State.PreMergePims = takesOver ? new PriorPimsLink(State.PimsId!, State.PimsVersion, State.PimsDetails, State.PimsPetIds) : null;
                State.PimsPetIds = [];
            }
            else if (!State.Exists)
            {
                State.Source = "pims";
            }

            State.Exists = true;
            State.Deleted = false;
            State.Details = proposed;
        }
        else
        {
            var policy = update.Policy;
            var current = State.Details;
            var next = current with { Email = proposed.Email };
            next = Decide(policy.AutoApplyClientName, ReviewKind.ClientName, NameOf(current), NameOf(proposed), next,
                d => d with { FirstName = proposed.FirstName, LastName = proposed.LastName }, held);
            next = Decide(policy.AutoApplyClientAddress, ReviewKind.ClientAddress, current.Address?.ToString(), proposed.Address?.ToString(), next,
                d => d with { Address = proposed.Address }, held);
            next = Decide(policy.AutoApplyClientPhone, ReviewKind.ClientPhone, string.Join(", ", current.Phones), string.Join(", ", proposed.Phones), next,
                d => d with { Phones = proposed.Phones }, held);
            State.Details = next;
        }

        State.PimsId = update.PimsClientId;
        State.PimsVersion = record.Version;
        State.PimsDetails = proposed;
    }

    private static ClientDetails Decide(
        bool autoApply, ReviewKind kind, string? current, string? proposed, ClientDetails next, Func<ClientDetails, ClientDetails> apply, List<HeldChange> held)
    {
        if (string.Equals(current ?? "", proposed ?? "", StringComparison.Ordinal))
        {
            return next;
        }

        if (autoApply)
        {
            return apply(next);
        }

        held.Add(new HeldChange(kind, current, proposed));
        return next;
    }

    private static string NameOf(ClientDetails d) => $"{d.FirstName} {d.LastName}".Trim();

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    private ClientIndexEntry Entry() =>
        new(ClientId, State.Details.FirstName, State.Details.LastName, State.Details.Email, State.Details.Phones, State.PimsId, State.Deleted || !State.Exists);

    private ClientProfile Profile() =>
        new(ClientId, State.Details, State.Source, State.PimsId, State.PimsVersion, State.DataAsOf, [.. State.PetIds], State.Deleted, State.MergedFromPims);

    private IPimsSyncGrain SyncGrain() => GrainFactory.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(GrainKeys.ClinicIdOf(Key)));

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw new NotFoundException("client.not_found", $"Client {ClientId} does not exist.");
        }
    }

    private Task SaveAsync() => client.WriteStateAsync();
}
