using Google.Protobuf;
using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.GrpcApi.Tests.Appointments;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Payments;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Portal.V1;
using VetActors.Protos.Staff.V1;
using CommonRole = VetActors.Protos.Common.V1.StaffRole;
using SyncApi = VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Tests.Security;

/// <summary>
/// A sample for every RPC that a clinic-bound caller may make. The matrix test fails for an RPC without one, so a
/// new service adds its samples here (keyed by the RPC's full name).
/// </summary>
public static class TenancySamples
{
    private const string SignIn = "/vetactors.identity.v1.SignIn/";
    private const string Staff = "/vetactors.staff.v1.StaffAccess/";
    private const string Portal = "/vetactors.portal.v1.Portal/";
    private const string StaffConversations = "/vetactors.portal.v1.StaffConversations/";
    private const string StaffSync = "/vetactors.staffsync.v1.StaffSync/";

    public static IReadOnlyDictionary<string, TenancySample> All { get; } = new Dictionary<string, TenancySample>(
        AppointmentTenancy.Samples()
            .Concat(Tests.Portal.LiveTenancy.Samples())
            .Concat(Tests.Portal.PetsTenancy.Samples())
            .Concat(Tests.Portal.HomeTenancy.Samples())
            .Concat(Tests.Portal.AttachmentTenancy.Samples())
            .Concat(Tests.Sync.SyncTenancy.Samples())
            .Concat(PaymentTenancy.Samples()))
    {
        [SignIn + "UserLogin"] = new(_ => new UserLoginRequest { Username = "extra", Password = ClinicWorld.Password }, StatusCode.OK, StatusCode.Unauthenticated),
        [SignIn + "SwitchUser"] = new(_ => new UserLoginRequest { Username = "extra", Password = ClinicWorld.Password }, StatusCode.OK, StatusCode.Unauthenticated),
        [SignIn + "Logout"] = new(_ => new LogoutRequest(), StatusCode.OK, StatusCode.OK),
        [SignIn + "EndPracticeSession"] = new(_ => new EndPracticeSessionRequest(), StatusCode.OK, StatusCode.OK),
        [SignIn + "WhoAmI"] = new(_ => new WhoAmIRequest(), StatusCode.OK, StatusCode.OK),
        [SignIn + "BeginTotpEnrollment"] = new(_ => new BeginTotpEnrollmentRequest(), StatusCode.OK, StatusCode.OK),
        [SignIn + "ConfirmTotpEnrollment"] = new(_ => new ConfirmTotpEnrollmentRequest { Code = "123456" }, StatusCode.FailedPrecondition, StatusCode.FailedPrecondition),
        [Staff + "ListStaff"] = new(_ => new ListStaffRequest(), StatusCode.OK, StatusCode.OK),
        [Staff + "GetStaffMember"] = new(w => new GetStaffMemberRequest { UserId = w.ExtraUserId }, StatusCode.OK, StatusCode.NotFound),
        [Staff + "AddStaffMember"] = new(
            _ => new AddStaffMemberRequest { Username = "newbie", Name = "New Bie", Email = "newbie@vet.example", Role = CommonRole.Staff }, StatusCode.OK, StatusCode.OK),
        [Staff + "UpdateStaffMember"] = new(
            w => new UpdateStaffMemberRequest { UserId = w.ExtraUserId, Username = "extra", Name = "Renamed", Email = "extra@vet.example", Role = CommonRole.Staff },
            StatusCode.OK, StatusCode.NotFound),
        [Staff + "DeactivateStaffMember"] = new(w => new DeactivateStaffMemberRequest { UserId = w.ExtraUserId }, StatusCode.OK, StatusCode.NotFound),
        [Staff + "ResendInvitation"] = new(w => new ResendInvitationRequest { UserId = w.PendingUserId }, StatusCode.OK, StatusCode.NotFound),
        [Staff + "GetSecuritySettings"] = new(_ => new GetSecuritySettingsRequest(), StatusCode.OK, StatusCode.OK),
        [Staff + "SetTotpRequirement"] = new(_ => new SetTotpRequirementRequest { Required = false }, StatusCode.OK, StatusCode.OK),
        [Staff + "ReadAuditLog"] = new(_ => new ReadAuditLogRequest(), StatusCode.OK, StatusCode.OK),
        [Portal + "ListConversations"] = new(_ => new ListConversationsRequest(), StatusCode.OK, StatusCode.OK),
        [Portal + "StartConversation"] = new(_ => new StartConversationRequest { Subject = "Refill", Text = "Tablets please" }, StatusCode.OK, StatusCode.OK),
        [Portal + "SendMessage"] = OnConversationOfA<SendMessageRequest, SendMessageResponse>(
            Portal + "SendMessage", id => new SendMessageRequest { ConversationId = id, Text = "Hello" }),
        [Portal + "MarkConversationRead"] = OnConversationOfA<MarkConversationReadRequest, MarkConversationReadResponse>(
            Portal + "MarkConversationRead", id => new MarkConversationReadRequest { ConversationId = id }),
        [Portal + "GetNotificationPreferences"] = new(_ => new GetNotificationPreferencesRequest(), StatusCode.OK, StatusCode.OK),
        [Portal + "SetNotificationPreference"] = new(
            _ => new SetNotificationPreferenceRequest { Channel = NotificationChannel.Email, OptedIn = false }, StatusCode.OK, StatusCode.OK),
        [StaffConversations + "ListClientConversations"] = new(
            w => new ListClientConversationsRequest { ClientId = w.A.ClientId }, StatusCode.OK, StatusCode.OK),
        [StaffConversations + "ReplyToConversation"] = OnConversationOfA<ReplyToConversationRequest, ReplyToConversationResponse>(
            StaffConversations + "ReplyToConversation", id => new ReplyToConversationRequest { ConversationId = id, Text = "Ready at 5." }),
        [StaffConversations + "CloseConversation"] = OnConversationOfA<CloseConversationRequest, CloseConversationResponse>(
            StaffConversations + "CloseConversation", id => new CloseConversationRequest { ConversationId = id }),
        [StaffConversations + "MarkConversationReadByStaff"] = OnConversationOfA<MarkConversationReadByStaffRequest, MarkConversationReadByStaffResponse>(
            StaffConversations + "MarkConversationReadByStaff", id => new MarkConversationReadByStaffRequest { ConversationId = id }),
        [StaffConversations + "GetUnreadCounts"] = new(w => new GetUnreadCountsRequest { ClientId = w.A.ClientId }, StatusCode.OK, StatusCode.OK),
        [StaffConversations + "GetClientConsent"] = new(w => new GetClientConsentRequest { ClientId = w.A.ClientId }, StatusCode.OK, StatusCode.OK),
        // Client records are not kept here, so clinic B's request names a client of its own (keys are per clinic).
        [StaffConversations + "SetClientNotificationPreference"] = new(
            w => new SetClientNotificationPreferenceRequest { ClientId = w.A.ClientId, Channel = NotificationChannel.Sms, OptedIn = false },
            StatusCode.OK, StatusCode.OK),

        // PIMS sync (StaffSync, PimsSync): Sync/SyncTenancy.cs, whose samples first import data into clinic A.
        // Clinic A holds the synced pet: its staff read the record, clinic B's staff name the same pet id and find nothing.
        [StaffSync + "GetPetRecord"] = new(
            _ => new SyncApi.GetPetRecordRequest { PetId = "pet-sync-tenant" }, StatusCode.OK, StatusCode.NotFound,
            Arrange: (host, w) => Tests.Portal.PortalPets.AddClientWithPetsAsync(host.Grains, w.A.ClinicId, w.A.ClientId, ("pet-sync-tenant", "Rex"))),
        [StaffSync + "ListHeldRecords"] = new(_ => new SyncApi.ListHeldRecordsRequest(), StatusCode.OK, StatusCode.OK),
        [StaffSync + "SetStaleAfter"] = new(_ => new SyncApi.SetStaleAfterRequest { StaleAfterSeconds = 600 }, StatusCode.OK, StatusCode.OK),
    };

    // Clinic A's client has an active conversation; the caller names it: clinic A's caller reaches it, clinic B's finds nothing.
    private static TenancySample OnConversationOfA<TRequest, TResponse>(string rpc, Func<string, TRequest> request)
        where TRequest : class, IMessage where TResponse : class => new(
        null,
        StatusCode.OK,
        StatusCode.NotFound,
        async (host, world, token) =>
        {
            var conversation = await host.Grains
                .GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(world.A.ClinicId, world.A.ClientId))
                .StartAsync(new ConversationRequest("Refill", "Tablets please", []));
            return (await host.InvokeAsync<TRequest, TResponse>(rpc, request(conversation.Id), token)).ToString()!;
        });
}
