using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Protos.Appointments.V1;

namespace VetActors.GrpcApi.Tests.Appointments;

public sealed partial class AppointmentsServiceTests
{
    [Fact]
    public async Task WithdrawThenEnrollPractitioner_Repeated_ChangesOnceEachAndAuditsEachChange()
    {
        var withdrawn = await Service.WithdrawPractitioner(new WithdrawPractitionerRequest { UserId = _world.StaffUserId }, Call(Vet));
        await Service.WithdrawPractitioner(new WithdrawPractitionerRequest { UserId = _world.StaffUserId }, Call(Vet));
        var listedWhileWithdrawn = await Service.ListPractitioners(new ListPractitionersRequest(), Call(OtherVet));
        var enrolled = await Service.EnrollPractitioner(new EnrollPractitionerRequest { UserId = _world.StaffUserId }, Call(Vet));
        await Service.EnrollPractitioner(new EnrollPractitionerRequest { UserId = _world.StaffUserId }, Call(Vet));

        Assert.False(withdrawn.Enrolled);
        Assert.True(enrolled.Enrolled);
        Assert.Equal(_world.StaffUserId, enrolled.UserId);
        Assert.Equal([_world.AdminUserId], listedWhileWithdrawn.Practitioners.Select(p => p.UserId));
        var audited = (await AuditLog.For(_host.Grains, "clinic-a").ReadAsync(0, 500)).Where(e => e.Target == _world.StaffUserId && e.Action.StartsWith("practitioner.", StringComparison.Ordinal));
        Assert.Equal(
            [("practitioner.enrolled", "staff:" + _world.AdminUserId), ("practitioner.withdrawn", "staff:" + _world.AdminUserId), ("practitioner.enrolled", "staff:" + _world.AdminUserId)],
            audited.Select(e => (e.Action, e.Actor)));
    }

    [Fact]
    public async Task EnrollPractitioner_UnknownOrMalformedMember_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Service.EnrollPractitioner(new EnrollPractitionerRequest { UserId = "nobody" }, Call(Vet)));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.EnrollPractitioner(new EnrollPractitionerRequest { UserId = "a/b" }, Call(Vet)));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.WithdrawPractitioner(new WithdrawPractitionerRequest { UserId = "nobody" }, Call(Vet)));
    }

    [Fact]
    public async Task EnrollPractitioner_DeactivatedMember_IsNotFoundButCanBeWithdrawn()
    {
        await _host.Grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster("clinic-a")).DeactivateMemberAsync(_world.AdminUserId, _world.StaffUserId);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.EnrollPractitioner(new EnrollPractitionerRequest { UserId = _world.StaffUserId }, Call(Vet)));
        var withdrawn = await Service.WithdrawPractitioner(new WithdrawPractitionerRequest { UserId = _world.StaffUserId }, Call(Vet));

        Assert.False(withdrawn.Enrolled);
    }

    [Fact]
    public async Task ListPractitioners_AnyStaffUser_ListsEnrolledMembersWithTheirNames()
    {
        var listed = await Service.ListPractitioners(new ListPractitionersRequest(), Call(OtherVet));

        Assert.Equal(
            new[] { _world.AdminUserId, _world.StaffUserId }.Order(StringComparer.Ordinal),
            listed.Practitioners.Select(p => p.UserId).Order(StringComparer.Ordinal));
        Assert.All(listed.Practitioners, p => Assert.True(p.Enrolled && p.Name.Length > 0 && !p.Paused));
    }
}
