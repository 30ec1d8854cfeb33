using System.Text.RegularExpressions;
using Grpc.Core;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Identity.V1;

namespace VetActors.PimsAgent.Tests.Infrastructure;

/// <summary>
/// Onboards a clinic over real gRPC as operations would: creates it with the internal service key, invites its Site
/// Administrator (the invitation arrives as an .eml in the pickup folder), signs in, and issues a PIMS agent key.
/// </summary>
internal static partial class ClinicOnboarding
{
    public const string InternalServiceKey = "internal-service-e2e-key-0123456789abcdef";
    private const string Password = "correct horse battery";
    private const string PracticePassword = "front desk password 1";

    public static async Task<(string AgentToken, string AdminToken)> OnboardAsync(CallInvoker invoker, string clinicId, string pickupDirectory)
    {
        var admin = new ClinicAdmin.ClinicAdminClient(invoker);
        var signIn = new SignIn.SignInClient(invoker);
        var asInternal = Bearer(InternalServiceKey);
        await admin.CreateClinicAsync(new CreateClinicRequest
        {
            Clinic = new Clinic
            {
                ClinicId = clinicId, Name = "E2E Clinic", Address = "1 Main St", Phone = "+1 555 010 0199", Website = "https://e2e.example",
                Hours = "Mon-Fri", TimeZone = "America/Chicago", SmsNumber = "+1 555 010 0100", PracticeId = "P-" + clinicId, PimsKind = PimsKind.Avimark,
            },
            PracticePassword = PracticePassword,
        }, asInternal);
        var email = $"admin@{clinicId}.example";
        await admin.InviteSiteAdministratorAsync(new InviteSiteAdministratorRequest { ClinicId = clinicId, Username = "admin", Name = "Ada Admin", Email = email }, asInternal);
        var invitation = await InvitationTokenAsync(pickupDirectory, email);
        await signIn.AcceptInvitationAsync(new AcceptInvitationRequest { Token = invitation, Password = Password });
        var practice = await signIn.PracticeLoginAsync(new PracticeLoginRequest { PracticeId = "P-" + clinicId, PracticePassword = PracticePassword });
        var user = await signIn.UserLoginAsync(new UserLoginRequest { Username = "admin", Password = Password }, Bearer(practice.Session.Token));
        var key = await admin.IssueAgentKeyAsync(new IssueAgentKeyRequest { ClinicId = clinicId, Label = "front desk server" }, asInternal);
        return (key.Key.Token, user.Session.Token);
    }

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    /// <summary>The outbox delivers in the background: wait for the invitation's .eml (a hang guard, not a deadline).</summary>
    private static async Task<string> InvitationTokenAsync(string pickupDirectory, string email)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (Directory.Exists(pickupDirectory))
            {
                foreach (var file in Directory.GetFiles(pickupDirectory, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains(email, StringComparison.OrdinalIgnoreCase) && InvitationToken().Match(text) is { Success: true } match)
                    {
                        return match.Value;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No invitation for {email} arrived in {pickupDirectory}.");
    }

    [GeneratedRegex(@"vi~[A-Za-z0-9._-]+~[A-Za-z0-9_-]+~[A-Za-z0-9_-]+")]
    private static partial Regex InvitationToken();
}
