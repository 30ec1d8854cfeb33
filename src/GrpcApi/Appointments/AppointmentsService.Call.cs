using Grpc.Core;
using VetActors.GrpcApi.Appointments.Internal;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Appointments.V1;

namespace VetActors.GrpcApi.Appointments;

internal sealed partial class AppointmentsService
{
    [Allow(Callers.StaffUser)]
    public override async Task<RequestMoreInformationResponse> RequestMoreInformation(RequestMoreInformationRequest request, ServerCallContext context)
    {
        await (await AppointmentAccess.AsPractitionerAsync(grains, context, request.Reference)).RequestMoreInformationAsync(request.Message);
        return new RequestMoreInformationResponse();
    }

    [Allow(Callers.PortalClient | Callers.StaffUser)]
    public override async Task<Appointment> JoinCall(JoinCallRequest request, ServerCallContext context)
    {
        var (grain, party) = await AppointmentAccess.AsParticipantAsync(grains, context, request.Reference);
        return (await grain.JoinAsync(party)).ToProto();
    }

    [Allow(Callers.StaffUser)]
    public override async Task<Appointment> EndCall(EndCallRequest request, ServerCallContext context) =>
        (await (await AppointmentAccess.AsPractitionerAsync(grains, context, request.Reference)).EndCallAsync()).ToProto();

    [Allow(Callers.StaffUser)]
    public override async Task<Appointment> DeclareNoShow(DeclareNoShowRequest request, ServerCallContext context) =>
        (await (await AppointmentAccess.AsPractitionerAsync(grains, context, request.Reference)).DeclareNoShowAsync()).ToProto();

    [Allow(Callers.PortalClient | Callers.StaffUser)]
    public override async Task<Appointment> ReportTechnicalDifficulty(ReportTechnicalDifficultyRequest request, ServerCallContext context)
    {
        var (grain, party) = await AppointmentAccess.AsParticipantAsync(grains, context, request.Reference);
        return (await grain.ReportTechnicalDifficultyAsync(party, request.Description)).ToProto();
    }

    [Allow(Callers.StaffUser)]
    public override async Task<Appointment> CompleteRecord(CompleteRecordRequest request, ServerCallContext context) =>
        (await (await AppointmentAccess.AsPractitionerAsync(grains, context, request.Reference)).CompleteRecordAsync(request.Record.ToDomain())).ToProto();
}
