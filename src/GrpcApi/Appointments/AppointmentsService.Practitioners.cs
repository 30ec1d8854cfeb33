using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Practitioners;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Appointments.V1;

namespace VetActors.GrpcApi.Appointments;

/// <summary>Practitioner enrolment: which staff members are veterinarians who hold appointments.</summary>
internal sealed partial class AppointmentsService
{
    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<Practitioner> EnrollPractitioner(EnrollPractitionerRequest request, ServerCallContext context)
    {
        var member = await MemberAsync(context, request.UserId);
        if (member.Status is not StaffMemberStatus.Active)
        {
            throw new NotFoundException("staff.not_found", $"Staff member '{request.UserId}' is not an active member of this clinic.");
        }

        return (await PractitionerOf(context, member.UserId).EnrollAsync(context.GetStaffUserId())).ToProto(member.Name);
    }

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<Practitioner> WithdrawPractitioner(WithdrawPractitionerRequest request, ServerCallContext context)
    {
        // A deactivated member can still be withdrawn, so their enrolment does not outlive their account.
        var member = await MemberAsync(context, request.UserId);
        return (await PractitionerOf(context, member.UserId).WithdrawAsync(context.GetStaffUserId())).ToProto(member.Name);
    }

    [Allow(Callers.StaffUser)]
    public override async Task<ListPractitionersResponse> ListPractitioners(ListPractitionersRequest request, ServerCallContext context)
    {
        // Enrolment lives with each member's schedule; a clinic has tens of staff, so asking each is cheap.
        var members = await grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(context.GetClinicId())).ListMembersAsync();
        var schedules = await Task.WhenAll(members.Select(async m => (Member: m, Schedule: await PractitionerOf(context, m.UserId).GetAsync())));
        return new ListPractitionersResponse
        {
            Practitioners =
            {
                schedules.Where(s => s.Schedule.Enrolled)
                    .OrderBy(s => s.Member.Name, StringComparer.CurrentCulture)
                    .ThenBy(s => s.Member.UserId, StringComparer.Ordinal)
                    .Select(s => s.Schedule.ToProto(s.Member.Name)),
            },
        };
    }

    private async Task<StaffMember> MemberAsync(ServerCallContext context, string userId)
    {
        if (!GrainKeys.IsValidId(userId))
        {
            throw new NotFoundException("staff.not_found", $"Staff member '{userId}' does not exist.");
        }

        return await grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(context.GetClinicId())).GetMemberAsync(userId);
    }

    private IPractitionerGrain PractitionerOf(ServerCallContext context, string staffId) =>
        grains.GetGrain<IPractitionerGrain>(GrainKeys.Child(context.GetClinicId(), "practitioner", staffId));
}
