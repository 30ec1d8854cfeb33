using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Identity.V1;

namespace VetActors.GrpcApi.Identity;

internal sealed partial class SignInService
{
    [Allow(Callers.Anonymous)]
    public override async Task<GetInvitationResponse> GetInvitation(GetInvitationRequest request, ServerCallContext context)
    {
        var (clinicId, invitationId, secret) = ParseInvitation(request.Token);
        var invitation = await Roster(clinicId).GetInvitationAsync(invitationId, secret);
        return new GetInvitationResponse
        {
            Username = invitation.Username,
            Name = invitation.Name,
            Role = invitation.Role.ToProto(),
            ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(invitation.ExpiresAt),
            TotpSecret = invitation.TotpSecret ?? string.Empty,
            TotpUri = invitation.TotpUri ?? string.Empty,
        };
    }

    [Allow(Callers.Anonymous)]
    public override async Task<AcceptInvitationResponse> AcceptInvitation(AcceptInvitationRequest request, ServerCallContext context)
    {
        var (clinicId, invitationId, secret) = ParseInvitation(request.Token);
        var member = await Roster(clinicId).AcceptInvitationAsync(invitationId, secret, request.Password, NullIfEmpty(request.TotpCode));
        return new AcceptInvitationResponse { Username = member.Username };
    }

    private static (string ClinicId, string InvitationId, string Secret) ParseInvitation(string token) =>
        BearerToken.TryParse(token, BearerToken.InvitationKind, out var clinicId, out var invitationId, out var secret)
            ? (clinicId, invitationId, secret)
            : throw new ValidationException("token", "is not an invitation token; copy it whole from the invitation email.");
}
