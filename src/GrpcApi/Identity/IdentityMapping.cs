using Google.Protobuf.WellKnownTypes;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Protos.Common.V1;
using ProtoRole = VetActors.Protos.Common.V1.StaffRole;
using Role = VetActors.Grains.Identity.StaffRole;

namespace VetActors.GrpcApi.Identity;

/// <summary>Mapping between identity records and their protobuf messages.</summary>
internal static class IdentityMapping
{
    private static readonly (StaffPermissions Flag, StaffPermission Proto)[] PermissionTable =
    [
        (StaffPermissions.Statements, StaffPermission.Statements),
        (StaffPermissions.PastReconciliations, StaffPermission.PastReconciliations),
        (StaffPermissions.BackOffice, StaffPermission.BackOffice),
        (StaffPermissions.ApplyRefund, StaffPermission.ApplyRefund),
        (StaffPermissions.ManageStaff, StaffPermission.ManageStaff),
        (StaffPermissions.ReadAuditLog, StaffPermission.ReadAuditLog),
    ];

    public static IssuedToken ToProto(this IssuedCredential credential) => new()
    {
        Token = credential.Token,
        Id = credential.Id,
        ExpiresAt = credential.ExpiresAt is { } expires ? Timestamp.FromDateTimeOffset(expires) : null,
    };

    public static ProtoRole ToProto(this Role role) => role switch
    {
        Role.SiteAdministrator => ProtoRole.SiteAdministrator,
        Role.PracticeManager => ProtoRole.PracticeManager,
        Role.Staff => ProtoRole.Staff,
        _ => ProtoRole.Unspecified,
    };

    public static Role FromProto(ProtoRole role) => role switch
    {
        ProtoRole.SiteAdministrator => Role.SiteAdministrator,
        ProtoRole.PracticeManager => Role.PracticeManager,
        ProtoRole.Staff => Role.Staff,
        _ => throw new ValidationException("role", "must be STAFF_ROLE_SITE_ADMINISTRATOR, STAFF_ROLE_PRACTICE_MANAGER or STAFF_ROLE_STAFF."),
    };

    public static IEnumerable<StaffPermission> ToProto(this StaffPermissions permissions) =>
        PermissionTable.Where(p => permissions.HasFlag(p.Flag)).Select(p => p.Proto);

    public static Timestamp? ToTimestamp(this DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;
}
