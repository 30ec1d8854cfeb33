using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;
using VetActors.GrpcApi.Security;
using VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Sync;

internal sealed partial class StaffSyncService
{
    // The pet's key starts with the caller's clinic, so another clinic's pet id names a pet that does not exist here.
    [Allow(Callers.StaffUser)]
    public override async Task<GetPetRecordResponse> GetPetRecord(GetPetRecordRequest request, ServerCallContext context) =>
        (await grains.GetGrain<IPetGrain>(GrainKeys.Pet(context.GetClinicId(), request.PetId)).GetRecordAsync()).ToProto();
}
