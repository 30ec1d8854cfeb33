using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Identity;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Admin.V1;

namespace VetActors.GrpcApi.Admin;

/// <summary>Onboarding for VetActors' own back office. The internal service is not bound to a clinic, so here the clinic id comes from the request.</summary>
internal sealed class ClinicAdminService(IGrainFactory grains) : ClinicAdmin.ClinicAdminBase
{
    [Allow(Callers.InternalService)]
    public override async Task<Clinic> CreateClinic(CreateClinicRequest request, ServerCallContext context)
    {
        if (request.Clinic is null)
        {
            throw new ValidationException("clinic", "is required.");
        }

        var profile = ClinicAdminMapping.FromProto(request.Clinic);
        var created = await Clinic(profile.ClinicId).CreateAsync(new NewClinic(profile, request.PracticePassword));
        return created.ToProto();
    }

    [Allow(Callers.InternalService)]
    public override async Task<Clinic> GetClinic(GetClinicRequest request, ServerCallContext context) =>
        (await Clinic(request.ClinicId).GetProfileAsync()).ToProto();

    [Allow(Callers.InternalService)]
    public override async Task<ListClinicsResponse> ListClinics(ListClinicsRequest request, ServerCallContext context) =>
        new() { ClinicIds = { await grains.GetGrain<IClinicDirectoryGrain>(IClinicDirectoryGrain.Key).ListClinicsAsync() } };

    [Allow(Callers.InternalService)]
    public override async Task<IssuedAgentKey> IssueAgentKey(IssueAgentKeyRequest request, ServerCallContext context) =>
        new() { Key = (await Clinic(request.ClinicId).IssueAgentKeyAsync(request.Label)).ToProto() };

    [Allow(Callers.InternalService)]
    public override async Task<ListAgentKeysResponse> ListAgentKeys(ListAgentKeysRequest request, ServerCallContext context) =>
        new() { Keys = { (await Clinic(request.ClinicId).ListAgentKeysAsync()).Select(k => k.ToProto()) } };

    [Allow(Callers.InternalService)]
    public override async Task<IssuedAgentKey> RotateAgentKey(RotateAgentKeyRequest request, ServerCallContext context) =>
        new() { Key = (await Clinic(request.ClinicId).RotateAgentKeyAsync(request.KeyId)).ToProto() };

    [Allow(Callers.InternalService)]
    public override async Task<RevokeAgentKeyResponse> RevokeAgentKey(RevokeAgentKeyRequest request, ServerCallContext context)
    {
        await Clinic(request.ClinicId).RevokeAgentKeyAsync(request.KeyId);
        return new RevokeAgentKeyResponse();
    }

    [Allow(Callers.InternalService)]
    public override async Task<InviteSiteAdministratorResponse> InviteSiteAdministrator(InviteSiteAdministratorRequest request, ServerCallContext context)
    {
        // The clinic must exist before anyone is invited to it (NOT_FOUND otherwise).
        await Clinic(request.ClinicId).GetProfileAsync();
        var member = await grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(request.ClinicId))
            .InviteFirstAdministratorAsync(request.Username, request.Name, request.Email);
        return new InviteSiteAdministratorResponse { UserId = member.UserId, InvitationExpiresAt = member.InvitationExpiresAt.ToTimestamp() };
    }

    private IClinicGrain Clinic(string clinicId) => grains.GetGrain<IClinicGrain>(GrainKeys.Clinic(clinicId));
}
