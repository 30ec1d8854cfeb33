using VetActors.GrpcApi.Tests.Infrastructure;
using CommonRole = VetActors.Protos.Common.V1.StaffRole;

namespace VetActors.GrpcApi.Tests.Security;

/// <summary>Clinic A with objects that clinic B lacks (an extra member, a pending invitation), and clinic B.</summary>
public sealed class TenancyWorld
{
    private TenancyWorld(ClinicWorld a, ClinicWorld b)
    {
        A = a;
        B = b;
    }

    public ClinicWorld A { get; }

    public ClinicWorld B { get; }

    /// <summary>An active member of A only.</summary>
    public string ExtraUserId { get; private set; } = string.Empty;

    /// <summary>An invited (not yet accepted) member of A only.</summary>
    public string PendingUserId { get; private set; } = string.Empty;

    public static async Task<TenancyWorld> CreateAsync(ApiTestHost host)
    {
        var world = new TenancyWorld(await ClinicWorld.CreateAsync(host, "clinic-a"), await ClinicWorld.CreateAsync(host, "clinic-b"));
        (_, world.ExtraUserId) = await world.A.AddMemberAndSignInAsync("extra", CommonRole.Staff, applyRefund: false);
        var pending = await world.A.CallAsync<Protos.Staff.V1.AddStaffMemberRequest, Protos.Staff.V1.StaffMember>(
            "/vetactors.staff.v1.StaffAccess/AddStaffMember",
            new Protos.Staff.V1.AddStaffMemberRequest { Username = "pending", Name = "Pending", Email = "pending@clinic-a.example", Role = CommonRole.Staff },
            world.A.AdminToken);
        world.PendingUserId = pending.UserId;
        return world;
    }
}
