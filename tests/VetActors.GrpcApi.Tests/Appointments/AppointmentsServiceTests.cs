using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using VetActors.Grains.Appointments;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Practitioners;
using VetActors.GrpcApi.Appointments;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Appointments.V1;
using AppointmentKind = VetActors.Protos.Appointments.V1.AppointmentKind;
using AppointmentStatus = VetActors.Protos.Appointments.V1.AppointmentStatus;
using ClinicalRecord = VetActors.Protos.Appointments.V1.ClinicalRecord;
using PayoutState = VetActors.Protos.Appointments.V1.PayoutState;

namespace VetActors.GrpcApi.Tests.Appointments;

/// <summary>
/// The appointment RPCs called on the service directly (no network), as clinic A's portal client, its Site
/// Administrator (enrolled as practitioner "the vet") and its front-desk member (enrolled as a second practitioner).
/// </summary>
public sealed partial class AppointmentsServiceTests : IAsyncLifetime
{
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    private AppointmentsService Service => _host.Service<AppointmentsService>();

    private Principal Vet => Principal.StaffUser("clinic-a", new StaffPrincipal(_world.AdminUserId, "admin", StaffRole.SiteAdministrator, StaffPermissions.BackOffice), "s-vet", "p-1");

    private Principal OtherVet => Principal.StaffUser("clinic-a", new StaffPrincipal(_world.StaffUserId, "frontdesk", StaffRole.Staff, StaffPermissions.None), "s-other", "p-1");

    private Principal Client => Principal.PortalClient("clinic-a", _world.ClientId, "s-client");

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
        foreach (var vet in new[] { _world.AdminUserId, _world.StaffUserId })
        {
            await _host.Grains.GetGrain<IPractitionerGrain>(GrainKeys.Child("clinic-a", "practitioner", vet)).EnrollAsync(_world.AdminUserId);
        }
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task BookAppointment_PortalClient_BooksForThemselvesWhateverTheRequestSays()
    {
        var booked = await BookAsync(Client, clientId: "someone-else");

        Assert.Equal(_world.ClientId, booked.ClientId);
        Assert.True(AppointmentReference.IsWellFormed(booked.Reference));
        Assert.Equal(AppointmentStatus.Booked, booked.Status);
        Assert.Equal(booked, await Service.GetAppointment(new GetAppointmentRequest { Reference = booked.Reference }, Call(Vet)));
    }

    [Fact]
    public async Task BookAppointment_OverlappingTheSamePractitioner_IsRefusedByTheRules()
    {
        await BookAsync(Vet, clientId: _world.ClientId);

        await Assert.ThrowsAsync<RuleViolation>(() => BookAsync(Vet, clientId: "c-other"));
    }

    [Fact]
    public async Task BookAppointment_WithoutKind_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => BookAsync(Client, kind: AppointmentKind.Unspecified));

        Assert.Equal("kind", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task GetAppointment_AnotherClientsAppointment_IsNotFound()
    {
        var booked = await BookAsync(Vet, clientId: "c-other");

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAppointment(new GetAppointmentRequest { Reference = booked.Reference }, Call(Client)));
    }

    [Fact]
    public async Task GetAppointment_AnotherClinicsReference_IsNotFound()
    {
        var booked = await BookAsync(Client);
        var otherClinic = Principal.PortalClient("clinic-b", _world.ClientId, "s-b");

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAppointment(new GetAppointmentRequest { Reference = booked.Reference }, Call(otherClinic)));
    }

    [Fact]
    public async Task ListPractitionerAppointments_NoPractitionerGiven_ListsTheCallersOwnEarliestFirst()
    {
        var later = await BookAsync(Client, startsIn: TimeSpan.FromHours(3));
        var sooner = await BookAsync(Client, startsIn: TimeSpan.FromHours(1));
        await BookAsync(Client, practitionerId: _world.StaffUserId);

        var listed = await Service.ListPractitionerAppointments(new ListPractitionerAppointmentsRequest(), Call(Vet));

        Assert.Equal([sooner.Reference, later.Reference], listed.Appointments.Select(a => a.Reference));
    }

    [Fact]
    public async Task ListClientAppointments_PortalClient_ListsOnlyTheirOwnWithEveryPractitionerNewestFirst()
    {
        var withOther = await BookAsync(Client, practitionerId: _world.StaffUserId, startsIn: TimeSpan.FromHours(1));
        var withVet = await BookAsync(Client, startsIn: TimeSpan.FromHours(2));
        await BookAsync(Vet, clientId: "c-other", startsIn: TimeSpan.FromHours(4));

        var own = await Service.ListClientAppointments(new ListClientAppointmentsRequest { ClientId = "c-other" }, Call(Client));
        var other = await Service.ListClientAppointments(new ListClientAppointmentsRequest { ClientId = "c-other" }, Call(Vet));

        Assert.Equal([withVet.Reference, withOther.Reference], own.Appointments.Select(a => a.Reference));
        Assert.Equal(["c-other"], other.Appointments.Select(a => a.ClientId));
    }

    [Fact]
    public async Task ListClientAppointments_AfterCancellation_StillListedWithItsStatus()
    {
        var booked = await BookAsync(Client);
        await Service.CancelAppointment(new CancelAppointmentRequest { Reference = booked.Reference, Reason = "owner away" }, Call(Client));

        var listed = await Service.ListClientAppointments(new ListClientAppointmentsRequest(), Call(Client));

        var only = Assert.Single(listed.Appointments);
        Assert.Equal(booked.Reference, only.Reference);
        Assert.Equal(AppointmentStatus.Cancelled, only.Status);
    }

    [Fact]
    public async Task RescheduleAppointment_ByTheClient_MovesTheStart()
    {
        var booked = await BookAsync(Client);
        var start = _host.Time.GetUtcNow().AddDays(1);

        var moved = await Service.RescheduleAppointment(
            new RescheduleAppointmentRequest { Reference = booked.Reference, Start = Timestamp.FromDateTimeOffset(start), Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(20)) },
            Call(Client));

        Assert.Equal(start, moved.Start.ToDateTimeOffset());
        Assert.Equal(TimeSpan.FromMinutes(20), moved.Duration.ToTimeSpan());
    }

    [Fact]
    public async Task CancelAppointment_ByStaff_IsCancelledAndNotPayable()
    {
        var booked = await BookAsync(Client);

        var cancelled = await Service.CancelAppointment(new CancelAppointmentRequest { Reference = booked.Reference, Reason = "owner away" }, Call(OtherVet));

        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Equal(PayoutState.NotPayable, cancelled.Payout);
    }

    [Fact]
    public async Task AttachFile_PngByItsClient_IsListedWithTheTypeFromItsContent()
    {
        var booked = await BookAsync(Client);

        var attachment = await Service.AttachFile(
            new AttachFileRequest { Reference = booked.Reference, FileName = "ear.pdf", Content = ByteString.CopyFrom(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x01) }, Call(Client));

        Assert.Equal("image/png", attachment.ContentType);
        Assert.Equal(attachment, Assert.Single((await Service.GetAppointment(new GetAppointmentRequest { Reference = booked.Reference }, Call(Client))).Attachments));
    }

    [Fact]
    public async Task AttachFile_NotAnImageOrPdf_IsInvalidArgument()
    {
        var booked = await BookAsync(Client);

        var error = await Assert.ThrowsAsync<ValidationException>(() => Service.AttachFile(
            new AttachFileRequest { Reference = booked.Reference, FileName = "x.png", Content = ByteString.CopyFromUtf8("MZ not an image") }, Call(Client)));

        Assert.Equal("content", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task AttachFile_AnotherClientsAppointment_IsNotFound()
    {
        var booked = await BookAsync(Vet, clientId: "c-other");

        await Assert.ThrowsAsync<NotFoundException>(() => Service.AttachFile(
            new AttachFileRequest { Reference = booked.Reference, FileName = "a.pdf", Content = ByteString.CopyFromUtf8("%PDF-1.7") }, Call(Client)));
    }

    [Fact]
    public async Task RequestMoreInformation_NotTheAppointmentsPractitioner_IsPermissionDenied()
    {
        var booked = await BookAsync(Client);

        await Service.RequestMoreInformation(new RequestMoreInformationRequest { Reference = booked.Reference, Message = "A photo of the ear, please." }, Call(Vet));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            Service.RequestMoreInformation(new RequestMoreInformationRequest { Reference = booked.Reference, Message = "Me too." }, Call(OtherVet)));
    }

    private async Task<Appointment> InCallAsync()
    {
        var booked = await BookAsync(Client);
        _host.Time.Advance(TimeSpan.FromMinutes(60));
        await Service.JoinCall(new JoinCallRequest { Reference = booked.Reference }, Call(Vet));
        await Service.JoinCall(new JoinCallRequest { Reference = booked.Reference }, Call(Client));
        return booked;
    }

    private Task<Appointment> BookAsync(
        Principal caller, string? clientId = null, TimeSpan? startsIn = null, string? practitionerId = null, AppointmentKind kind = AppointmentKind.Virtual) =>
        Service.BookAppointment(
            new BookAppointmentRequest
            {
                ClientId = clientId ?? string.Empty,
                PetId = "pet-1",
                PractitionerId = practitionerId ?? _world.AdminUserId,
                Start = Timestamp.FromDateTimeOffset(_host.Time.GetUtcNow() + (startsIn ?? TimeSpan.FromHours(1))),
                Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)),
                Kind = kind,
            },
            Call(caller));

    private static TestServerCallContext Call(Principal principal) => TestServerCallContext.For(principal);
}
