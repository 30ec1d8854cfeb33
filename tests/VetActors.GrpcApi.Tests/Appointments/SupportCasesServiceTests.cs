using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Practitioners;
using VetActors.GrpcApi.Appointments;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Appointments.V1;
using PayoutState = VetActors.Protos.Appointments.V1.PayoutState;
using SupportCaseKind = VetActors.Protos.Appointments.V1.SupportCaseKind;
using SupportOutcome = VetActors.Protos.Appointments.V1.SupportOutcome;

namespace VetActors.GrpcApi.Tests.Appointments;

public sealed class SupportCasesServiceTests : IAsyncLifetime
{
    private const string Rpc = "/vetactors.appointments.v1.SupportCases/";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    private SupportCasesService Service => _host.Service<SupportCasesService>();

    private Principal Vet => Principal.StaffUser("clinic-a", new StaffPrincipal(_world.AdminUserId, "admin", StaffRole.SiteAdministrator, StaffPermissions.BackOffice), "s-vet", "p-1");

    private Principal OtherVet => Principal.StaffUser("clinic-a", new StaffPrincipal(_world.StaffUserId, "frontdesk", StaffRole.Staff, StaffPermissions.None), "s-other", "p-1");

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
        await _host.Grains.GetGrain<IPractitionerGrain>(GrainKeys.Child("clinic-a", "practitioner", _world.AdminUserId)).EnrollAsync(_world.AdminUserId);
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task OpenSupportCase_WithoutAppointment_IsAPractitionerRequestOpenedByTheCallerAndAudited()
    {
        var opened = await Service.OpenSupportCase(new OpenSupportCaseRequest { Description = "My calendar is wrong." }, TestServerCallContext.For(Vet));

        Assert.Equal(SupportCaseKind.PractitionerRequest, opened.Kind);
        Assert.Equal(_world.AdminUserId, opened.OpenedBy);
        Assert.Equal(SupportOutcome.Unspecified, opened.Outcome);
        Assert.Contains(await AuditLog.For(_host.Grains, "clinic-a").ReadAsync(0, 500), e => e.Action == "support_case.opened" && e.Target == opened.CaseId);
    }

    [Fact]
    public async Task OpenSupportCase_AboutAnotherPractitionersAppointment_IsPermissionDenied()
    {
        var reference = await NoShowAsync();

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Service.OpenSupportCase(
            new OpenSupportCaseRequest { AppointmentReference = reference, Description = "not mine" }, TestServerCallContext.For(OtherVet)));
    }

    [Fact]
    public async Task ResolveSupportCase_NoShowInThePractitionersFavour_MakesThePayoutPartial()
    {
        var reference = await NoShowAsync();
        var noShowCase = Assert.Single((await Service.ListSupportCases(new ListSupportCasesRequest { OpenOnly = true }, TestServerCallContext.For(Vet))).Cases);

        var resolved = await Service.ResolveSupportCase(
            new ResolveSupportCaseRequest { CaseId = noShowCase.CaseId, Outcome = SupportOutcome.FavourPractitioner, Note = "waited 15 min" }, TestServerCallContext.For(Vet));

        Assert.Equal(SupportCaseKind.NoShow, noShowCase.Kind);
        Assert.Equal(reference, noShowCase.AppointmentReference);
        Assert.Equal(SupportOutcome.FavourPractitioner, resolved.Outcome);
        Assert.Equal(_world.AdminUserId, resolved.ResolvedBy);
        Assert.Empty((await Service.ListSupportCases(new ListSupportCasesRequest { OpenOnly = true }, TestServerCallContext.For(Vet))).Cases);
        var appointment = await _host.Service<AppointmentsService>().GetAppointment(new GetAppointmentRequest { Reference = reference }, TestServerCallContext.For(Vet));
        Assert.Equal(PayoutState.Partial, appointment.Payout);
    }

    [Fact]
    public async Task ResolveSupportCase_WithoutOutcome_IsInvalidArgument()
    {
        var opened = await Service.OpenSupportCase(new OpenSupportCaseRequest { Description = "x" }, TestServerCallContext.For(Vet));

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Service.ResolveSupportCase(new ResolveSupportCaseRequest { CaseId = opened.CaseId }, TestServerCallContext.For(Vet)));

        Assert.Equal("outcome", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData("ListSupportCases")]
    [InlineData("ResolveSupportCase")]
    public async Task ListAndResolve_StaffWithoutBackOffice_ArePermissionDenied(string method)
    {
        var request = method == "ListSupportCases"
            ? (object)new ListSupportCasesRequest()
            : new ResolveSupportCaseRequest { CaseId = "SC-000001", Outcome = SupportOutcome.AgainstPractitioner };

        var staff = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeUntypedAsync(Rpc + method, request, _world.StaffToken));
        await _host.InvokeUntypedAsync(Rpc + "ListSupportCases", new ListSupportCasesRequest(), _world.ManagerToken);

        Assert.Equal(StatusCode.PermissionDenied, staff.StatusCode);
    }

    private async Task<string> NoShowAsync()
    {
        var appointments = _host.Service<AppointmentsService>();
        var booked = await appointments.BookAppointment(
            new BookAppointmentRequest
            {
                ClientId = _world.ClientId,
                PetId = "pet-1",
                PractitionerId = _world.AdminUserId,
                Start = Timestamp.FromDateTimeOffset(_host.Time.GetUtcNow().AddHours(1)),
                Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)),
                Kind = VetActors.Protos.Appointments.V1.AppointmentKind.Virtual,
            },
            TestServerCallContext.For(Vet));
        _host.Time.Advance(TimeSpan.FromHours(1));
        await appointments.JoinCall(new JoinCallRequest { Reference = booked.Reference }, TestServerCallContext.For(Vet));
        _host.Time.Advance(TimeSpan.FromMinutes(15));
        await appointments.DeclareNoShow(new DeclareNoShowRequest { Reference = booked.Reference }, TestServerCallContext.For(Vet));
        return booked.Reference;
    }
}
