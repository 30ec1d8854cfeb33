using Grpc.Core;
using VetActors.GrpcApi.Tests.Appointments;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Staff.V1;
using CommonRole = VetActors.Protos.Common.V1.StaffRole;

namespace VetActors.GrpcApi.Tests.Security;

/// <summary>
/// A sample for every RPC that a clinic-bound caller may make. The matrix test fails for an RPC without one, so a
/// new service adds its samples here (keyed by the RPC's full name).
/// </summary>
public static class TenancySamples
{
    private const string SignIn = "/vetactors.identity.v1.SignIn/";
    private const string Staff = "/vetactors.staff.v1.StaffAccess/";

    public static IReadOnlyDictionary<string, TenancySample> All { get; } = new Dictionary<string, TenancySample>(AppointmentTenancy.Samples())
    {
        [SignIn + "UserLogin"] = new(_ => new UserLoginRequest { Username = "extra", Password = ClinicWorld.Password }, StatusCode.OK, StatusCode.Unauthenticated),
        [SignIn + "SwitchUser"] = new(_ => new UserLoginRequest { Username = "extra", Password = ClinicWorld.Password }, StatusCode.OK, StatusCode.Unauthenticated),
        [SignIn + "Logout"] = new(_ => new LogoutRequest(), StatusCode.OK, StatusCode.OK),
        [SignIn + "EndPracticeSession"] = new(_ => new EndPracticeSessionRequest(), StatusCode.OK, StatusCode.OK),
        [SignIn + "WhoAmI"] = new(_ => new WhoAmIRequest(), StatusCode.OK, StatusCode.OK),
        [SignIn + "BeginTotpEnrollment"] = new(_ => new BeginTotpEnrollmentRequest(), StatusCode.OK, StatusCode.OK),
        [SignIn + "ConfirmTotpEnrollment"] = new(_ => new ConfirmTotpEnrollmentRequest { Code = "123456" }, StatusCode.FailedPrecondition, StatusCode.FailedPrecondition),
        [Staff + "ListStaff"] = new(_ => new ListStaffRequest(), StatusCode.OK, StatusCode.OK),
        [Staff + "GetStaffMember"] = new(w => new GetStaffMemberRequest { UserId = w.ExtraUserId }, StatusCode.OK, StatusCode.NotFound),
        [Staff + "AddStaffMember"] = new(
            _ => new AddStaffMemberRequest { Username = "newbie", Name = "New Bie", Email = "newbie@vet.example", Role = CommonRole.Staff }, StatusCode.OK, StatusCode.OK),
        [Staff + "UpdateStaffMember"] = new(
            w => new UpdateStaffMemberRequest { UserId = w.ExtraUserId, Username = "extra", Name = "Renamed", Email = "extra@vet.example", Role = CommonRole.Staff },
            StatusCode.OK, StatusCode.NotFound),
        [Staff + "DeactivateStaffMember"] = new(w => new DeactivateStaffMemberRequest { UserId = w.ExtraUserId }, StatusCode.OK, StatusCode.NotFound),
        [Staff + "ResendInvitation"] = new(w => new ResendInvitationRequest { UserId = w.PendingUserId }, StatusCode.OK, StatusCode.NotFound),
        [Staff + "GetSecuritySettings"] = new(_ => new GetSecuritySettingsRequest(), StatusCode.OK, StatusCode.OK),
        [Staff + "SetTotpRequirement"] = new(_ => new SetTotpRequirementRequest { Required = false }, StatusCode.OK, StatusCode.OK),
        [Staff + "ReadAuditLog"] = new(_ => new ReadAuditLogRequest(), StatusCode.OK, StatusCode.OK),
    };
}
