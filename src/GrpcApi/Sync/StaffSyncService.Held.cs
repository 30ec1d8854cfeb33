using Grpc.Core;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Security;
using VetActors.Protos.StaffSync.V1;
using HeldRecord = VetActors.Grains.Sync.HeldRecord;

namespace VetActors.GrpcApi.Sync;

/// <summary>Records held for their owner, inspected as rejected ones are.</summary>
internal sealed partial class StaffSyncService
{
    [Allow(Callers.StaffUser)]
    public override async Task<ListHeldRecordsResponse> ListHeldRecords(ListHeldRecordsRequest request, ServerCallContext context) =>
        new() { Records = { (await Sync(context).GetHeldAsync()).Select(ToProto) } };

    private static Protos.StaffSync.V1.HeldRecord ToProto(HeldRecord record) => new()
    {
        Sequence = record.Sequence,
        Kind = PimsSyncMapping.ToKind(record.Kind),
        RecordId = record.RecordId,
        WaitingFor = record.WaitingFor,
        Reason = record.Reason,
        Raw = record.Raw ?? "",
    };
}
