using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Identity;
using StaffAccess = VetActors.Protos.Staff.V1.StaffAccess;
using StaffMember = VetActors.Protos.Staff.V1.StaffMember;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Staff.V1;

namespace VetActors.GrpcApi.Staff;

/// <summary>Staff accounts, security settings and the audit log of the caller's clinic.</summary>
internal sealed class StaffAccessService(IGrainFactory grains) : StaffAccess.StaffAccessBase
{
    private const int DefaultAuditPage = 100;

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<ListStaffResponse> ListStaff(ListStaffRequest request, ServerCallContext context) =>
        new() { Members = { (await Roster(context).ListMembersAsync()).Select(m => m.ToProto()) } };

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<StaffMember> GetStaffMember(GetStaffMemberRequest request, ServerCallContext context) =>
        (await Roster(context).GetMemberAsync(request.UserId)).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<StaffMember> AddStaffMember(AddStaffMemberRequest request, ServerCallContext context) =>
        (await Roster(context).AddMemberAsync(
            context.GetStaffUserId(),
            StaffAccessMapping.ToDraft(request.Username, request.Name, request.Email, request.Role, request.ApplyRefund))).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<StaffMember> UpdateStaffMember(UpdateStaffMemberRequest request, ServerCallContext context) =>
        (await Roster(context).UpdateMemberAsync(
            context.GetStaffUserId(), request.UserId,
            StaffAccessMapping.ToDraft(request.Username, request.Name, request.Email, request.Role, request.ApplyRefund))).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<StaffMember> DeactivateStaffMember(DeactivateStaffMemberRequest request, ServerCallContext context) =>
        (await Roster(context).DeactivateMemberAsync(context.GetStaffUserId(), request.UserId)).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<StaffMember> ResendInvitation(ResendInvitationRequest request, ServerCallContext context) =>
        (await Roster(context).ResendInvitationAsync(context.GetStaffUserId(), request.UserId)).ToProto();

    [Allow(Callers.StaffUser)]
    public override async Task<SecuritySettings> GetSecuritySettings(GetSecuritySettingsRequest request, ServerCallContext context) =>
        new() { TotpRequiredForSiteAdministrators = await Roster(context).IsTotpRequiredAsync() };

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<SecuritySettings> SetTotpRequirement(SetTotpRequirementRequest request, ServerCallContext context)
    {
        var roster = Roster(context);
        await roster.SetTotpRequiredAsync(context.GetStaffUserId(), request.Required);
        return new SecuritySettings { TotpRequiredForSiteAdministrators = await roster.IsTotpRequiredAsync() };
    }

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ReadAuditLog)]
    public override async Task<ReadAuditLogResponse> ReadAuditLog(ReadAuditLogRequest request, ServerCallContext context)
    {
        var entries = await AuditLog.For(grains, context.GetClinicId())
            .ReadAsync(request.AfterSequence, request.PageSize == 0 ? DefaultAuditPage : request.PageSize);
        return new ReadAuditLogResponse { Entries = { entries.Select(e => e.ToProto()) } };
    }

    private IStaffRosterGrain Roster(ServerCallContext context) => grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(context.GetClinicId()));
}
