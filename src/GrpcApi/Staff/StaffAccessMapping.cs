using VetActors.Grains.Audit;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Identity;
using ProtoStaff = VetActors.Protos.Staff.V1;

namespace VetActors.GrpcApi.Staff;

internal static class StaffAccessMapping
{
    public static ProtoStaff.StaffMember ToProto(this StaffMember m)
    {
        var proto = new ProtoStaff.StaffMember
        {
            UserId = m.UserId,
            Username = m.Username,
            Name = m.Name,
            Email = m.Email,
            Role = m.Role.ToProto(),
            ApplyRefund = m.ApplyRefund,
            Status = (ProtoStaff.StaffMemberStatus)(int)m.Status,
            TotpEnabled = m.TotpEnabled,
            InvitationExpiresAt = m.InvitationExpiresAt.ToTimestamp(),
        };
        proto.Permissions.AddRange(m.Permissions.ToProto());
        return proto;
    }

    public static StaffMemberDraft ToDraft(string username, string name, string email, Protos.Common.V1.StaffRole role, bool applyRefund) =>
        new(username, name, email, IdentityMapping.FromProto(role), applyRefund);

    public static ProtoStaff.AuditLogEntry ToProto(this AuditEntry e) => new()
    {
        Sequence = e.Sequence,
        At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.At),
        Actor = e.Actor,
        Action = e.Action,
        Target = e.Target,
        Before = e.Before ?? string.Empty,
        After = e.After ?? string.Empty,
    };
}
