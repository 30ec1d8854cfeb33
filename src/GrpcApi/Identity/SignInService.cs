using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Identity.V1;

namespace VetActors.GrpcApi.Identity;

/// <summary>Sign-in of the front desk, staff members and pet owners.</summary>
internal sealed partial class SignInService(IGrainFactory grains, IServiceProvider services) : SignIn.SignInBase
{
    [Allow(Callers.Anonymous)]
    public override async Task<PracticeLoginResponse> PracticeLogin(PracticeLoginRequest request, ServerCallContext context)
    {
        var clinicId = GrainKeys.IsValidId(request.PracticeId)
            ? await grains.GetGrain<IClinicDirectoryGrain>(IClinicDirectoryGrain.Key).FindByPracticeIdAsync(request.PracticeId)
            : null;
        if (clinicId is null)
        {
            throw new AuthenticationFailedException();
        }

        var session = await grains.GetGrain<IClinicGrain>(GrainKeys.Clinic(clinicId)).OpenPracticeSessionAsync(request.PracticePassword);
        return new PracticeLoginResponse { Session = session.ToProto(), ClinicId = clinicId };
    }

    [Allow(Callers.PracticeSession)]
    public override Task<UserLoginResponse> UserLogin(UserLoginRequest request, ServerCallContext context)
    {
        var caller = context.GetPrincipal();
        return SignInUserAsync(caller.ClinicId!, caller.PracticeSessionId!, request);
    }

    [Allow(Callers.StaffUser)]
    public override async Task<UserLoginResponse> SwitchUser(UserLoginRequest request, ServerCallContext context)
    {
        var caller = context.GetPrincipal();
        await grains.GetGrain<ISessionGrain>(IdentityKeys.Session(caller.ClinicId!, caller.SessionId!)).EndAsync();
        return await SignInUserAsync(caller.ClinicId!, caller.PracticeSessionId!, request);
    }

    [Allow(Callers.StaffUser | Callers.PortalClient)]
    public override async Task<LogoutResponse> Logout(LogoutRequest request, ServerCallContext context)
    {
        var caller = context.GetPrincipal();
        await grains.GetGrain<ISessionGrain>(IdentityKeys.Session(caller.ClinicId!, caller.SessionId!)).EndAsync();
        return new LogoutResponse();
    }

    [Allow(Callers.PracticeSession | Callers.StaffUser)]
    public override async Task<EndPracticeSessionResponse> EndPracticeSession(EndPracticeSessionRequest request, ServerCallContext context)
    {
        var caller = context.GetPrincipal();
        await grains.GetGrain<ISessionGrain>(IdentityKeys.Session(caller.ClinicId!, caller.PracticeSessionId!)).EndAsync();
        return new EndPracticeSessionResponse();
    }

    [Allow(Callers.PortalClient | Callers.PracticeSession | Callers.StaffUser | Callers.PimsAgent | Callers.InternalService)]
    public override Task<WhoAmIResponse> WhoAmI(WhoAmIRequest request, ServerCallContext context)
    {
        var caller = context.GetPrincipal();
        var response = new WhoAmIResponse
        {
            Kind = caller.Kind switch
            {
                Callers.PortalClient => CallerKind.PortalClient,
                Callers.PracticeSession => CallerKind.PracticeSession,
                Callers.StaffUser => CallerKind.StaffUser,
                Callers.PimsAgent => CallerKind.PimsAgent,
                Callers.InternalService => CallerKind.InternalService,
                _ => CallerKind.Unspecified,
            },
            ClinicId = caller.ClinicId ?? string.Empty,
            UserId = caller.UserId ?? string.Empty,
            Username = caller.Username ?? string.Empty,
            Role = caller.Role?.ToProto() ?? Protos.Common.V1.StaffRole.Unspecified,
            ClientId = caller.ClientId ?? string.Empty,
            AgentId = caller.AgentId ?? string.Empty,
        };
        response.Permissions.AddRange(caller.Permissions.ToProto());
        return Task.FromResult(response);
    }

    [Allow(Callers.StaffUser)]
    public override async Task<BeginTotpEnrollmentResponse> BeginTotpEnrollment(BeginTotpEnrollmentRequest request, ServerCallContext context)
    {
        var enrollment = await Roster(context.GetClinicId()).BeginTotpEnrollmentAsync(context.GetStaffUserId());
        return new BeginTotpEnrollmentResponse { Secret = enrollment.Secret, Uri = enrollment.Uri };
    }

    [Allow(Callers.StaffUser)]
    public override async Task<ConfirmTotpEnrollmentResponse> ConfirmTotpEnrollment(ConfirmTotpEnrollmentRequest request, ServerCallContext context)
    {
        await Roster(context.GetClinicId()).ConfirmTotpEnrollmentAsync(context.GetStaffUserId(), request.Code);
        return new ConfirmTotpEnrollmentResponse();
    }

    private async Task<UserLoginResponse> SignInUserAsync(string clinicId, string practiceSessionId, UserLoginRequest request)
    {
        var signIn = await Roster(clinicId).SignInAsync(request.Username, request.Password, NullIfEmpty(request.TotpCode), practiceSessionId);
        var response = new UserLoginResponse { Session = signIn.Session.ToProto(), UserId = signIn.User.UserId, Role = signIn.User.Role.ToProto() };
        response.Permissions.AddRange(signIn.User.Permissions.ToProto());
        return response;
    }

    private IStaffRosterGrain Roster(string clinicId) => grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(clinicId));

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
