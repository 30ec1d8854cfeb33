using Grpc.Core;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

internal sealed partial class PortalService
{
    [Allow(Callers.PortalClient)]
    public override async Task<GetHomeResponse> GetHome(GetHomeRequest request, ServerCallContext context) =>
        (await ClientRecord(context).GetPortalHomeAsync()).ToProto();

    [Allow(Callers.PortalClient)]
    public override async Task<ListPetAppointmentsResponse> ListPetAppointments(ListPetAppointmentsRequest request, ServerCallContext context)
    {
        var petId = GrainKeys.IsValidId(request.PetId) ? request.PetId : throw new ValidationException("pet_id", "must be a pet id.");
        var appointments = await ClientRecord(context).GetPetAppointmentsAsync(petId);
        return new ListPetAppointmentsResponse { Appointments = { appointments.Select(a => a.ToProto(petId, null)) } };
    }

    private IClientGrain ClientRecord(ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        return grains.GetGrain<IClientGrain>(GrainKeys.Client(clinicId, clientId));
    }
}
