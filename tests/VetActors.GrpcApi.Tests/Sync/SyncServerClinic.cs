using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using VetActors.Grains.Identity;
using VetActors.Grains.Identity.Internal;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Portal;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>
/// A clinic onboarded over real gRPC as operations would (created with the internal service key, its Site
/// Administrator invited by email, signed in through the front desk, a PIMS agent key issued), and the calls its
/// staff, its agent and its portal clients make on the server's channel.
/// </summary>
internal sealed partial class SyncServerClinic
{
    private const string Password = "correct horse battery";
    private readonly ManualClockServerFixture _server;
    private readonly CallInvoker _invoker;

    private SyncServerClinic(ManualClockServerFixture server, CallInvoker invoker, string clinicId)
    {
        _server = server;
        _invoker = invoker;
        ClinicId = clinicId;
    }

    public string ClinicId { get; }

    /// <summary>The Site Administrator's session: a staff user, who works the review queue in these tests.</summary>
    public string StaffToken { get; private set; } = "";

    public string StaffUserId { get; private set; } = "";

    public string AgentToken { get; private set; } = "";

    public static async Task<SyncServerClinic> OnboardAsync(ManualClockServerFixture server, CallInvoker invoker, string clinicId)
    {
        var clinic = new SyncServerClinic(server, invoker, clinicId);
        var practiceId = "P-" + clinicId;
        var email = $"admin@{clinicId}.example";
        await clinic.CallAsync<CreateClinicRequest, Clinic>(
            "admin", "ClinicAdmin", "CreateClinic",
            new CreateClinicRequest { Clinic = ClinicWorld.NewClinic(clinicId, practiceId), PracticePassword = ClinicWorld.PracticePassword },
            ApiTestHost.InternalServiceKey);
        var admin = await clinic.CallAsync<InviteSiteAdministratorRequest, InviteSiteAdministratorResponse>(
            "admin", "ClinicAdmin", "InviteSiteAdministrator",
            new InviteSiteAdministratorRequest { ClinicId = clinicId, Username = "ada", Name = "Ada Admin", Email = email }, ApiTestHost.InternalServiceKey);
        var invitation = await server.AwaitMailAsync(email, RawGrpcCalls.InvitationToken());
        await clinic.CallAsync<AcceptInvitationRequest, AcceptInvitationResponse>(
            "identity", "SignIn", "AcceptInvitation", new AcceptInvitationRequest { Token = invitation, Password = Password }, null);
        var practice = await clinic.CallAsync<PracticeLoginRequest, PracticeLoginResponse>(
            "identity", "SignIn", "PracticeLogin", new PracticeLoginRequest { PracticeId = practiceId, PracticePassword = ClinicWorld.PracticePassword }, null);
        var user = await clinic.CallAsync<UserLoginRequest, UserLoginResponse>(
            "identity", "SignIn", "UserLogin", new UserLoginRequest { Username = "ada", Password = Password }, practice.Session.Token);
        var key = await clinic.CallAsync<IssueAgentKeyRequest, IssuedAgentKey>(
            "admin", "ClinicAdmin", "IssueAgentKey", new IssueAgentKeyRequest { ClinicId = clinicId, Label = "front desk server" }, ApiTestHost.InternalServiceKey);
        (clinic.StaffToken, clinic.StaffUserId, clinic.AgentToken) = (user.Session.Token, admin.UserId, key.Key.Token);
        return clinic;
    }

    /// <summary>Opens a PimsSync stream with the clinic's agent key.</summary>
    public Task<AgentStream> ConnectAgentAsync(bool fullImport, long lastAcknowledged = 0) => AgentStream.OpenAsync(_invoker, AgentToken, fullImport, lastAcknowledged);

    /// <summary>A portal session of <paramref name="clientId"/> (as the one-time-code sign-in would open it).</summary>
    public async Task<string> PortalSessionAsync(string clientId) =>
        (await Sessions.OpenAsync(_server.Grains, ClinicId, SessionKind.PortalClient, clientId, null, _server.Time.GetUtcNow().AddHours(8))).Token;

    public Task<TResponse> StaffAsync<TRequest, TResponse>(string method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new() =>
        CallAsync<TRequest, TResponse>("staffsync", "StaffSync", method, request, StaffToken);

    public Task<GetClientProfileResponse> ProfileAsync(string clientId) =>
        StaffAsync<GetClientProfileRequest, GetClientProfileResponse>("GetClientProfile", new GetClientProfileRequest { ClientId = clientId });

    public Task<GetPetRecordResponse> PetRecordAsync(string petId) =>
        StaffAsync<GetPetRecordRequest, GetPetRecordResponse>("GetPetRecord", new GetPetRecordRequest { PetId = petId });

    public async Task<IReadOnlyList<ReviewItem>> ReviewItemsAsync(bool includeResolved = false) =>
        (await StaffAsync<ListReviewItemsRequest, ListReviewItemsResponse>("ListReviewItems", new ListReviewItemsRequest { IncludeResolved = includeResolved })).Items;

    public Task<GetIntegrationStatusResponse> StatusAsync() =>
        StaffAsync<GetIntegrationStatusRequest, GetIntegrationStatusResponse>("GetIntegrationStatus", new GetIntegrationStatusRequest());

    public Task<TResponse> CallAsync<TRequest, TResponse>(string package, string service, string method, TRequest request, string? token)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new() =>
        RawGrpcCalls.UnaryAsync<TRequest, TResponse>(_invoker, $"vetactors.{package}.v1.{service}", method, request, token);
}
