using System.Text.RegularExpressions;
using VetActors.Grains.Identity;
using StaffMember = VetActors.Protos.Staff.V1.StaffMember;
using VetActors.Grains.Outbox;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Staff.V1;
using CommonRole = VetActors.Protos.Common.V1.StaffRole;

namespace VetActors.GrpcApi.Tests.Infrastructure;

/// <summary>
/// A clinic onboarded through the API as a real one would be, with a credential of every caller kind: its Site
/// Administrator, a Practice Manager, a Staff member, the practice session, a PIMS agent and a signed-in pet owner.
/// </summary>
public sealed partial class ClinicWorld
{
    public const string Password = "correct horse battery";
    public const string PracticePassword = "front desk password 1";

    private ClinicWorld(ApiTestHost host, string clinicId)
    {
        Host = host;
        ClinicId = clinicId;
    }

    public ApiTestHost Host { get; }

    public string ClinicId { get; }

    public string PracticeId => "P-" + ClinicId;

    public string PracticeToken { get; private set; } = string.Empty;

    public string AdminToken { get; private set; } = string.Empty;

    public string AdminUserId { get; private set; } = string.Empty;

    public string ManagerToken { get; private set; } = string.Empty;

    public string StaffToken { get; private set; } = string.Empty;

    public string StaffUserId { get; private set; } = string.Empty;

    public string AgentToken { get; private set; } = string.Empty;

    public string AgentKeyId { get; private set; } = string.Empty;

    public string ClientToken { get; private set; } = string.Empty;

    public string ClientId => "c-" + ClinicId;

    public string ClientEmail => $"owner@{ClinicId}.example";

    public static string Internal => ApiTestHost.InternalServiceKey;

    public static async Task<ClinicWorld> CreateAsync(ApiTestHost host, string clinicId)
    {
        var world = new ClinicWorld(host, clinicId);
        await world.OnboardAsync();
        return world;
    }

    public Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, string? token)
        where TRequest : class where TResponse : class => Host.InvokeAsync<TRequest, TResponse>(method, request, token);

    /// <summary>The token of the newest invitation emailed to <paramref name="email"/>.</summary>
    public string InvitationTokenFor(string email)
    {
        var message = Host.Outbox.Messages.Last(m => m.Channel == MessageChannel.Email && m.To == email);
        return RawGrpcCalls.InvitationToken().Match(message.Body).Value;
    }

    public async Task<(string Token, string UserId)> AddMemberAndSignInAsync(string username, CommonRole role, bool applyRefund)
    {
        var member = await CallAsync<AddStaffMemberRequest, StaffMember>(
            "/vetactors.staff.v1.StaffAccess/AddStaffMember",
            new AddStaffMemberRequest { Username = username, Name = username + " Name", Email = $"{username}@{ClinicId}.example", Role = role, ApplyRefund = applyRefund },
            AdminToken);
        await AcceptAsync($"{username}@{ClinicId}.example");
        return (await UserLoginAsync(username), member.UserId);
    }

    public Task<AcceptInvitationResponse> AcceptAsync(string email, string password = Password) =>
        CallAsync<AcceptInvitationRequest, AcceptInvitationResponse>(
            "/vetactors.identity.v1.SignIn/AcceptInvitation", new AcceptInvitationRequest { Token = InvitationTokenFor(email), Password = password }, null);

    public async Task<string> UserLoginAsync(string username, string password = Password) =>
        (await CallAsync<UserLoginRequest, UserLoginResponse>(
            "/vetactors.identity.v1.SignIn/UserLogin", new UserLoginRequest { Username = username, Password = password }, PracticeToken)).Session.Token;

    /// <summary>Signs the front desk and the administrator in again (after the clock has moved past their sessions).</summary>
    public async Task SignInAgainAsync()
    {
        PracticeToken = (await CallAsync<PracticeLoginRequest, PracticeLoginResponse>(
            "/vetactors.identity.v1.SignIn/PracticeLogin", new PracticeLoginRequest { PracticeId = PracticeId, PracticePassword = PracticePassword }, null)).Session.Token;
        AdminToken = await UserLoginAsync("admin");
    }

    private async Task OnboardAsync()
    {
        await CallAsync<CreateClinicRequest, Clinic>(
            "/vetactors.admin.v1.ClinicAdmin/CreateClinic",
            new CreateClinicRequest { Clinic = NewClinic(ClinicId, PracticeId), PracticePassword = PracticePassword },
            Internal);
        var admin = await CallAsync<InviteSiteAdministratorRequest, InviteSiteAdministratorResponse>(
            "/vetactors.admin.v1.ClinicAdmin/InviteSiteAdministrator",
            new InviteSiteAdministratorRequest { ClinicId = ClinicId, Username = "admin", Name = "Ada Admin", Email = $"admin@{ClinicId}.example" },
            Internal);
        AdminUserId = admin.UserId;
        await AcceptAsync($"admin@{ClinicId}.example");

        PracticeToken = (await CallAsync<PracticeLoginRequest, PracticeLoginResponse>(
            "/vetactors.identity.v1.SignIn/PracticeLogin", new PracticeLoginRequest { PracticeId = PracticeId, PracticePassword = PracticePassword }, null)).Session.Token;
        AdminToken = await UserLoginAsync("admin");
        (ManagerToken, _) = await AddMemberAndSignInAsync("manager", CommonRole.PracticeManager, applyRefund: false);
        (StaffToken, StaffUserId) = await AddMemberAndSignInAsync("frontdesk", CommonRole.Staff, applyRefund: true);

        var key = await CallAsync<IssueAgentKeyRequest, IssuedAgentKey>(
            "/vetactors.admin.v1.ClinicAdmin/IssueAgentKey", new IssueAgentKeyRequest { ClinicId = ClinicId, Label = "front desk server" }, Internal);
        AgentToken = key.Key.Token;
        AgentKeyId = key.Key.Id;

        Host.ClientDirectory.Add(ClinicId, new ClientContact(ClientId, ClientEmail, null));
        await CallAsync<RequestClientCodeRequest, RequestClientCodeResponse>(
            "/vetactors.identity.v1.SignIn/RequestClientCode", new RequestClientCodeRequest { ClinicId = ClinicId, EmailOrMobile = ClientEmail }, null);
        ClientToken = (await CallAsync<VerifyClientCodeRequest, VerifyClientCodeResponse>(
            "/vetactors.identity.v1.SignIn/VerifyClientCode",
            new VerifyClientCodeRequest { ClinicId = ClinicId, EmailOrMobile = ClientEmail, Code = LastCodeFor(ClientEmail) }, null)).Session.Token;
    }

    public string LastCodeFor(string to) =>
        SixDigits().Match(Host.Outbox.Messages.Last(m => m.To == to).Body).Value;

    public static Clinic NewClinic(string clinicId, string practiceId) => new()
    {
        ClinicId = clinicId,
        Name = "Clinic " + clinicId,
        Address = "1 Main Street, Springfield",
        Phone = "+1 555 010 0199",
        Website = "https://clinic.example",
        Hours = "Mon-Fri 8-18",
        TimeZone = "America/Chicago",
        SmsNumber = "+1 555 010 0100",
        PimsKind = PimsKind.Avimark,
        PracticeId = practiceId,
    };

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
