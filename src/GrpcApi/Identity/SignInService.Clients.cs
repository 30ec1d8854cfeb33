using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Identity.V1;

namespace VetActors.GrpcApi.Identity;

internal sealed partial class SignInService
{
    [Allow(Callers.Anonymous)]
    public override async Task<RequestClientCodeResponse> RequestClientCode(RequestClientCodeRequest request, ServerCallContext context)
    {
        ValidateClientRequest(request.ClinicId, request.EmailOrMobile);

        // The answer is the same whether or not a client matched: the portal must not tell who is a client.
        if (await FindClientAsync(request.ClinicId, request.EmailOrMobile, context.CancellationToken) is { } client)
        {
            var bySms = !request.EmailOrMobile.Contains('@', StringComparison.Ordinal);
            await grains.GetGrain<ISignInCodeGrain>(IdentityKeys.SignInCode(request.ClinicId, client.ClientId)).SendCodeAsync(client, bySms);
        }

        return new RequestClientCodeResponse();
    }

    [Allow(Callers.Anonymous)]
    public override async Task<VerifyClientCodeResponse> VerifyClientCode(VerifyClientCodeRequest request, ServerCallContext context)
    {
        ValidateClientRequest(request.ClinicId, request.EmailOrMobile);
        var client = await FindClientAsync(request.ClinicId, request.EmailOrMobile, context.CancellationToken) ?? throw new AuthenticationFailedException();
        var session = await grains.GetGrain<ISignInCodeGrain>(IdentityKeys.SignInCode(request.ClinicId, client.ClientId)).VerifyAsync(request.Code);
        return new VerifyClientCodeResponse { Session = session.ToProto(), ClientId = client.ClientId };
    }

    private async Task<ClientContact?> FindClientAsync(string clinicId, string emailOrMobile, CancellationToken cancellationToken)
    {
        // The client records come from PIMS sync; until a directory of them is registered no client can sign in.
        var directory = services.GetService<IClientContactDirectory>();
        return directory is null ? null : await directory.FindAsync(clinicId, emailOrMobile.Trim(), cancellationToken);
    }

    private static void ValidateClientRequest(string clinicId, string emailOrMobile)
    {
        var violations = new List<FieldViolation>();
        if (!GrainKeys.IsValidId(clinicId))
        {
            violations.Add(new FieldViolation("clinic_id", "must be 1-64 characters of A-Z, a-z, 0-9, '-', '_' or '.'."));
        }

        if (string.IsNullOrWhiteSpace(emailOrMobile) || emailOrMobile.Length > 254)
        {
            violations.Add(new FieldViolation("email_or_mobile", "is required: the email address or mobile number the clinic has on file."));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }
}
