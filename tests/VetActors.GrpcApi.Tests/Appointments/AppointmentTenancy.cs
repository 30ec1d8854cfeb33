using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Practitioners;
using VetActors.Grains.Support;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Security;
using VetActors.Protos.Appointments.V1;
using AppointmentKind = VetActors.Protos.Appointments.V1.AppointmentKind;
using CallParty = VetActors.Grains.Appointments.CallParty;
using ClinicalRecord = VetActors.Protos.Appointments.V1.ClinicalRecord;
using SupportOutcome = VetActors.Protos.Appointments.V1.SupportOutcome;

namespace VetActors.GrpcApi.Tests.Appointments;

/// <summary>
/// Tenancy samples of the appointment RPCs: clinic A's Site Administrator is enrolled as a practitioner and holds
/// appointment <see cref="Reference"/> with clinic A's portal client, starting in 5 minutes, so both sides of the
/// call in clinic A may act on it and clinic B's callers find nothing.
/// </summary>
internal static class AppointmentTenancy
{
    public const string Reference = "VA-TENANT";

    /// <summary>The first case a clinic's support desk opens.</summary>
    public const string FirstCaseId = "SC-000001";

    private const string Appointments = "/vetactors.appointments.v1.Appointments/";
    private const string Support = "/vetactors.appointments.v1.SupportCases/";

    public static IEnumerable<KeyValuePair<string, TenancySample>> Samples()
    {
        yield return Sample("BookAppointment", StatusCode.OK, StatusCode.FailedPrecondition, (h, w) => new BookAppointmentRequest
        {
            ClientId = w.A.ClientId,
            PetId = "pet-1",
            PractitionerId = w.A.AdminUserId,
            Start = Timestamp.FromDateTimeOffset(h.Time.GetUtcNow().AddHours(2)),
            Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)),
            Kind = AppointmentKind.Virtual,
        });
        yield return Sample("GetAppointment", StatusCode.OK, StatusCode.NotFound, (_, _) => new GetAppointmentRequest { Reference = Reference });
        yield return Sample("RescheduleAppointment", StatusCode.OK, StatusCode.NotFound, (h, _) => new RescheduleAppointmentRequest
        {
            Reference = Reference,
            Start = Timestamp.FromDateTimeOffset(h.Time.GetUtcNow().AddHours(3)),
            Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(20)),
        });
        yield return Sample("CancelAppointment", StatusCode.OK, StatusCode.NotFound, (_, _) => new CancelAppointmentRequest { Reference = Reference, Reason = "sample" });
        yield return Sample("AttachFile", StatusCode.OK, StatusCode.NotFound, (_, _) => new AttachFileRequest
        {
            Reference = Reference,
            FileName = "photo.png",
            Content = ByteString.CopyFrom(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00),
        });
        yield return Sample("RequestMoreInformation", StatusCode.OK, StatusCode.NotFound, (_, _) => new RequestMoreInformationRequest { Reference = Reference, Message = "A photo, please." });
        yield return Sample("JoinCall", StatusCode.OK, StatusCode.NotFound, (_, _) => new JoinCallRequest { Reference = Reference });
        yield return Sample("EndCall", StatusCode.OK, StatusCode.NotFound, (_, _) => new EndCallRequest { Reference = Reference }, bothJoined: true);
        yield return Sample("DeclareNoShow", StatusCode.FailedPrecondition, StatusCode.NotFound, (_, _) => new DeclareNoShowRequest { Reference = Reference });
        yield return Sample("ReportTechnicalDifficulty", StatusCode.OK, StatusCode.NotFound, (_, _) => new ReportTechnicalDifficultyRequest { Reference = Reference, Description = "no audio" }, bothJoined: true);
        yield return Sample("CompleteRecord", StatusCode.OK, StatusCode.NotFound, (_, _) => new CompleteRecordRequest
        {
            Reference = Reference,
            Record = new ClinicalRecord { Notes = "Itchy ear.", MedicalRecord = "Otitis externa." },
        }, bothJoined: true, ended: true);
        yield return Sample("ListPractitionerAppointments", StatusCode.OK, StatusCode.OK, (_, w) => new ListPractitionerAppointmentsRequest { PractitionerId = w.A.AdminUserId });
        yield return Sample("ListClientAppointments", StatusCode.OK, StatusCode.OK, (_, w) => new ListClientAppointmentsRequest { ClientId = w.A.ClientId });
        yield return Sample("EnrollPractitioner", StatusCode.OK, StatusCode.NotFound, (_, w) => new EnrollPractitionerRequest { UserId = w.ExtraUserId });
        yield return Sample("WithdrawPractitioner", StatusCode.OK, StatusCode.NotFound, (_, w) => new WithdrawPractitionerRequest { UserId = w.ExtraUserId });
        yield return Sample("ListPractitioners", StatusCode.OK, StatusCode.OK, (_, _) => new ListPractitionersRequest());
        yield return SupportSample("OpenSupportCase", StatusCode.OK, StatusCode.NotFound, _ => new OpenSupportCaseRequest { AppointmentReference = Reference, Description = "client rude" });
        yield return SupportSample("ListSupportCases", StatusCode.OK, StatusCode.OK, _ => new ListSupportCasesRequest());
        yield return SupportSample("ResolveSupportCase", StatusCode.OK, StatusCode.NotFound, _ => new ResolveSupportCaseRequest
        {
            CaseId = FirstCaseId,
            Outcome = SupportOutcome.FavourPractitioner,
            Note = "sample",
        });
    }

    /// <summary>Enrolls clinic A's administrator as a practitioner and books <see cref="Reference"/> with clinic A's client.</summary>
    public static async Task<IAppointmentGrain> ArrangeAsync(ApiTestHost host, TenancyWorld world, bool bothJoined = false, bool ended = false)
    {
        var clinic = world.A.ClinicId;
        await host.Grains.GetGrain<IPractitionerGrain>(GrainKeys.Child(clinic, "practitioner", world.A.AdminUserId)).EnrollAsync(world.A.AdminUserId);
        var appointment = host.Grains.GetGrain<IAppointmentGrain>(GrainKeys.Appointment(clinic, Reference));
        await appointment.BookAsync(new BookAppointment(
            world.A.ClientId, "pet-1", world.A.AdminUserId, host.Time.GetUtcNow().AddMinutes(5), TimeSpan.FromMinutes(30), Grains.Appointments.AppointmentKind.Virtual));
        if (bothJoined)
        {
            await appointment.JoinAsync(CallParty.Practitioner);
            await appointment.JoinAsync(CallParty.Client);
        }

        if (ended)
        {
            await appointment.EndCallAsync();
        }

        return appointment;
    }

    private static KeyValuePair<string, TenancySample> Sample<TRequest>(
        string method, StatusCode own, StatusCode other, Func<ApiTestHost, TenancyWorld, TRequest> request, bool bothJoined = false, bool ended = false)
        where TRequest : class, IMessage =>
        new(Appointments + method, new TenancySample(
            null,
            own,
            other,
            async (host, world, token) => (await host.InvokeUntypedAsync(Appointments + method, request(host, world), token)).ToString() ?? string.Empty,
            (host, world) => ArrangeAsync(host, world, bothJoined, ended)));

    private static KeyValuePair<string, TenancySample> SupportSample<TRequest>(string method, StatusCode own, StatusCode other, Func<TenancyWorld, TRequest> request)
        where TRequest : class, IMessage =>
        new(Support + method, new TenancySample(null, own, other, Arrange: (host, world) => ArrangeAsync(host, world), Call: async (host, world, token) =>
        {
            if (token == world.A.AdminToken)
            {
                // Opening is audited, so clinic A's case exists only for clinic A's own call: the matrix checks that
                // clinic B's call leaves A's audit log as it was. Case numbers are per clinic, so B asks for the same id.
                await host.Grains.GetGrain<ISupportDeskGrain>(GrainKeys.Child(world.A.ClinicId, "support", "desk"))
                    .OpenAsync(new OpenSupportCase(Grains.Support.SupportCaseKind.PractitionerRequest, null, world.A.AdminUserId, world.A.AdminUserId, "sample"));
            }

            return (await host.InvokeUntypedAsync(Support + method, request(world), token)).ToString() ?? string.Empty;
        }));
}
