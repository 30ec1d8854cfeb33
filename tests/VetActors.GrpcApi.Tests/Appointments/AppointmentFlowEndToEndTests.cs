using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Grains.Identity;
using VetActors.Grains.Identity.Internal;
using VetActors.GrpcApi.Tests.EndToEnd;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Appointments.V1;
using VetActors.Protos.Identity.V1;
using VetActors.Rpc.Client;

namespace VetActors.GrpcApi.Tests.Appointments;

/// <summary>
/// A virtual appointment over real gRPC (HTTP/2 on Kestrel, PostgreSQL storage) with VetActors' own client channel:
/// the clinic is onboarded and its administrator signs in through the API. Portal clients sign in with a code that
/// needs the client records, which this host does not have, so the client's session is opened the way that sign-in
/// opens it; its token is then checked by the server like any other.
/// </summary>
public sealed partial class AppointmentFlowEndToEndTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>, IDisposable
{
    private const string Clinic = "e2e-appointments";
    private const string Password = "correct horse battery";
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress("http://" + server.Target);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task BookJoinEndCallCompleteRecord_OverRealGrpc_CompletesWithTheFullPayoutDue()
    {
        var (vetToken, vetId) = await OnboardAndSignInAdministratorAsync();
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var enrolled = await CallAsync<EnrollPractitionerRequest, Practitioner>("Appointments", "EnrollPractitioner", new EnrollPractitionerRequest { UserId = vetId }, vetToken);
        var clientToken = (await Sessions.OpenAsync(grains, Clinic, SessionKind.PortalClient, "c-17", null, now.AddHours(1))).Token;

        var booked = await CallAsync<BookAppointmentRequest, Appointment>("Appointments", "BookAppointment", new BookAppointmentRequest
        {
            PetId = "pet-3",
            PractitionerId = vetId,
            Start = Timestamp.FromDateTimeOffset(now.AddMinutes(5)),
            Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)),
            Kind = AppointmentKind.Virtual,
        }, clientToken);
        var reference = new JoinCallRequest { Reference = booked.Reference };
        await CallAsync<JoinCallRequest, Appointment>("Appointments", "JoinCall", reference, vetToken);
        var inCall = await CallAsync<JoinCallRequest, Appointment>("Appointments", "JoinCall", reference, clientToken);
        var ended = await CallAsync<EndCallRequest, Appointment>("Appointments", "EndCall", new EndCallRequest { Reference = booked.Reference }, vetToken);
        var clientMayNotRecord = await Assert.ThrowsAsync<RpcException>(() =>
            CallAsync<CompleteRecordRequest, Appointment>("Appointments", "CompleteRecord", new CompleteRecordRequest { Reference = booked.Reference }, clientToken));
        var completed = await CallAsync<CompleteRecordRequest, Appointment>("Appointments", "CompleteRecord", new CompleteRecordRequest
        {
            Reference = booked.Reference,
            Record = new ClinicalRecord { Notes = "Scratching left ear.", MedicalRecord = "Otitis externa.", Prescriptions = { "ear drops, 7 days" } },
        }, vetToken);

        Assert.True(enrolled.Enrolled);
        Assert.Equal("c-17", booked.ClientId);
        Assert.Equal(AppointmentStatus.InCall, inCall.Status);
        Assert.Equal(AppointmentStatus.CallEnded, ended.Status);
        Assert.Equal(StatusCode.PermissionDenied, clientMayNotRecord.StatusCode);
        Assert.Equal(AppointmentStatus.Completed, completed.Status);
        Assert.Equal(PayoutState.DueInFull, completed.Payout);
        Assert.Equal(completed, await CallAsync<GetAppointmentRequest, Appointment>("Appointments", "GetAppointment", new GetAppointmentRequest { Reference = booked.Reference }, clientToken));
        Assert.Equal(
            [completed],
            (await CallAsync<ListClientAppointmentsRequest, ListAppointmentsResponse>("Appointments", "ListClientAppointments", new ListClientAppointmentsRequest(), clientToken)).Appointments);
    }

    private async Task<(string Token, string UserId)> OnboardAndSignInAdministratorAsync()
    {
        var practiceId = "P-" + Clinic;
        await CallAsync<CreateClinicRequest, Clinic>(
            "ClinicAdmin", "CreateClinic", new CreateClinicRequest { Clinic = ClinicWorld.NewClinic(Clinic, practiceId), PracticePassword = ClinicWorld.PracticePassword },
            ApiTestHost.InternalServiceKey, "admin");
        var admin = await CallAsync<InviteSiteAdministratorRequest, InviteSiteAdministratorResponse>(
            "ClinicAdmin", "InviteSiteAdministrator",
            new InviteSiteAdministratorRequest { ClinicId = Clinic, Username = "vera", Name = "Vera Vet", Email = "vera@e2e-appointments.example" },
            ApiTestHost.InternalServiceKey, "admin");
        await CallAsync<AcceptInvitationRequest, AcceptInvitationResponse>(
            "SignIn", "AcceptInvitation", new AcceptInvitationRequest { Token = await InvitationTokenAsync("vera@e2e-appointments.example"), Password = Password }, null, "identity");
        var practice = await CallAsync<PracticeLoginRequest, PracticeLoginResponse>(
            "SignIn", "PracticeLogin", new PracticeLoginRequest { PracticeId = practiceId, PracticePassword = ClinicWorld.PracticePassword }, null, "identity");
        var user = await CallAsync<UserLoginRequest, UserLoginResponse>(
            "SignIn", "UserLogin", new UserLoginRequest { Username = "vera", Password = Password }, practice.Session.Token, "identity");
        return (user.Session.Token, admin.UserId);
    }

    private async Task<string> InvitationTokenAsync(string to)
    {
        string? token = null;
        await Awaiting.UntilAsync(
            () =>
            {
                var mail = Directory.Exists(server.PickupDirectory)
                    ? Directory.GetFiles(server.PickupDirectory, "*.eml").Select(File.ReadAllText).LastOrDefault(t => t.Contains("To: " + to + "\r\n", StringComparison.Ordinal))
                    : null;
                token = mail is null ? null : RawGrpcCalls.InvitationToken().Match(mail).Value;
                return !string.IsNullOrEmpty(token);
            },
            "invitation email for " + to);
        return token!;
    }

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string service, string method, TRequest request, string? token, string package = "appointments")
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        return await RawGrpcCalls.UnaryAsync<TRequest, TResponse>(_channel, $"vetactors.{package}.v1.{service}", method, request, token);
    }


}
