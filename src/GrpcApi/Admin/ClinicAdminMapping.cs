using VetActors.Grains.Clinics;
using VetActors.Protos.Admin.V1;
using ProtoPims = VetActors.Protos.Admin.V1.PimsKind;
using DomainPims = VetActors.Grains.Clinics.PimsKind;

namespace VetActors.GrpcApi.Admin;

internal static class ClinicAdminMapping
{
    public static Clinic ToProto(this ClinicProfile p) => new()
    {
        ClinicId = p.ClinicId,
        Name = p.Name,
        Address = p.Address,
        Phone = p.Phone,
        Website = p.Website,
        Hours = p.Hours,
        TimeZone = p.TimeZone,
        SmsNumber = p.SmsNumber,
        PimsKind = (ProtoPims)(int)p.PimsKind,
        PracticeId = p.PracticeId,
    };

    // The enums share their numbers on purpose; an unknown number stays unknown and fails validation in the grain.
    public static ClinicProfile FromProto(Clinic c) => new(
        c.ClinicId, c.Name, c.Address, c.Phone, c.Website, c.Hours, c.TimeZone, c.SmsNumber, (DomainPims)(int)c.PimsKind, c.PracticeId);

    public static AgentKey ToProto(this AgentKeyInfo k) => new()
    {
        AgentId = k.AgentId,
        KeyId = k.KeyId,
        Label = k.Label,
        IssuedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(k.IssuedAt),
        RevokedAt = k.RevokedAt is { } revoked ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(revoked) : null,
    };
}
