using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using VetActors.Grains.Clients;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;
using Proto = VetActors.Protos.StaffSync.V1;
using Pims = VetActors.Protos.Pims.V1;

namespace VetActors.GrpcApi.Sync;

/// <summary>Maps the sync grain's staff views to the StaffSync messages.</summary>
internal static class StaffSyncMapping
{
    public static Proto.ClientSummary ToProto(this ClientSearchHit hit) => Summary(hit.ClientId, hit.FirstName, hit.LastName, hit.Email, hit.Phones, hit.PimsId);

    public static Proto.GetClientProfileResponse ToProto(this ClientProfile client, IEnumerable<PetProfile> pets)
    {
        var d = client.Details;
        var response = new Proto.GetClientProfileResponse
        {
            Client = Summary(client.ClientId, d.FirstName, d.LastName, d.Email, d.Phones, client.PimsId),
            Address = d.Address is { } a
                ? new Pims.Address { Line1 = a.Line1, Line2 = a.Line2 ?? "", City = a.City, Region = a.Region, PostalCode = a.PostalCode }
                : null,
            Source = client.Source,
            DataAsOf = Time(client.DataAsOf),
            MergedFromPimsId = client.MergedFromPims ?? "",
        };
        response.Pets.AddRange(pets.Select(ToProto));
        return response;
    }

    public static Proto.PetProfile ToProto(this PetProfile pet)
    {
        var s = pet.Signalment;
        var proto = new Proto.PetProfile
        {
            PetId = pet.PetId,
            PimsId = pet.PimsId ?? "",
            Name = s.Name,
            Species = s.Species,
            Breed = s.Breed ?? "",
            Sex = s.Sex ?? "",
            BirthDate = Date(s.BirthDate),
            WeightUnit = s.Weight?.Unit ?? "",
            WeightDate = Date(s.Weight?.MeasuredOn),
            Colour = s.Colour ?? "",
            Microchip = s.Microchip ?? "",
            Deceased = s.Deceased,
            DeceasedDate = Date(s.DeceasedDate),
            DataAsOf = Time(pet.DataAsOf),
        };
        if (s.Weight is { } weight)
        {
            proto.Weight = (double)weight.Value;
        }

        return proto;
    }

    public static Proto.ReviewItem ToProto(this ReviewItem item)
    {
        var proto = new Proto.ReviewItem
        {
            Id = item.Id,
            Kind = (Proto.ReviewKind)(int)item.Kind,
            SubjectId = item.SubjectId ?? "",
            PimsId = item.PimsId,
            Current = item.Current ?? "",
            Proposed = item.Proposed ?? "",
            RawRecord = item.Record.Raw ?? "",
            HeldAt = Time(item.HeldAt),
            Status = (Proto.ReviewStatus)(int)item.Status,
            ResolvedBy = item.ResolvedBy ?? "",
            ResolvedAt = Time(item.ResolvedAt),
            Note = item.Note ?? "",
        };
        proto.Candidates.AddRange(item.Candidates);
        return proto;
    }

    public static Proto.Merge ToProto(this MergeRecord merge)
    {
        var proto = new Proto.Merge
        {
            MergeId = merge.MergeId,
            PimsClientId = merge.PimsClientId,
            ClientId = merge.ClientId,
            MergedAt = Time(merge.MergedAt),
            UndoneBy = merge.UndoneBy ?? "",
            UndoneAt = Time(merge.UndoneAt),
            SplitClientId = merge.SplitClientId ?? "",
        };
        proto.MatchedOn.AddRange(merge.MatchedOn);
        return proto;
    }

    public static Proto.GetIntegrationStatusResponse ToProto(this IntegrationStatus status, IEnumerable<AgentSession> sessions)
    {
        var p = status.Progress;
        var response = new Proto.GetIntegrationStatusResponse
        {
            State = (Proto.IntegrationState)(int)status.State,
            RecordsReceived = p.Received,
            RecordsApplied = p.Applied,
            RecordsHeld = p.Held,
            RecordsRejected = p.Rejected,
            RecordsExpected = p.Total ?? 0,
            EstimatedSecondsRemaining = (int)(p.EstimatedRemaining?.TotalSeconds ?? 0),
            LastAppliedSequence = status.LastAppliedSequence,
            InitialImportCompleted = status.InitialImportCompleted,
            FirstDataAt = Time(status.FirstDataAt),
            LastActivityAt = Time(status.LastActivityAt),
            StaleAfterSeconds = (int)status.StaleAfter.TotalSeconds,
        };
        response.Sessions.AddRange(sessions.Select(s => new Proto.AgentSession
        {
            SessionId = s.SessionId,
            AgentId = s.AgentId,
            PimsKind = s.PimsKind,
            PimsVersion = s.PimsVersion,
            ConnectedAt = Time(s.ConnectedAt),
            LastSeenAt = Time(s.LastSeenAt),
            EndedAt = Time(s.EndedAt),
            BatchesReceived = s.BatchesReceived,
            ResumedAfterSequence = s.ResumedAfterSequence,
        }));
        return response;
    }

    public static Proto.RejectedRecord ToProto(this RejectedRecord record) => new()
    {
        Sequence = record.Sequence,
        Kind = PimsSyncMapping.ToKind(record.Kind),
        RecordId = record.RecordId,
        Reason = record.Reason,
        Raw = record.Raw ?? "",
        RejectedAt = Time(record.RejectedAt),
    };

    public static Proto.SyncPolicy ToProto(this SyncPolicy policy) => new()
    {
        AutoApplyClientName = policy.AutoApplyClientName,
        AutoApplyClientAddress = policy.AutoApplyClientAddress,
        AutoApplyClientPhone = policy.AutoApplyClientPhone,
        AutoApplyPetName = policy.AutoApplyPetName,
    };

    public static SyncPolicy FromProto(Proto.SyncPolicy? policy) =>
        policy is null
            ? SyncPolicy.Default
            : new SyncPolicy(policy.AutoApplyClientName, policy.AutoApplyClientAddress, policy.AutoApplyClientPhone, policy.AutoApplyPetName);

    private static Proto.ClientSummary Summary(string id, string first, string last, string? email, IReadOnlyList<string> phones, string? pimsId)
    {
        var summary = new Proto.ClientSummary { ClientId = id, FirstName = first, LastName = last, Email = email ?? "", PimsId = pimsId ?? "" };
        summary.Phones.AddRange(phones);
        return summary;
    }

    private static Timestamp? Time(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    private static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
