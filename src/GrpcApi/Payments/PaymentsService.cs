using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Payments;
using VetActors.GrpcApi.Security;
using Proto = VetActors.Protos.Payments.V1;

namespace VetActors.GrpcApi.Payments;

/// <summary>
/// Payments of the caller's clinic: collections and settings here, refunds and reports in the partial files. The
/// front desk (practice session) and staff collect; refunds need Apply refund; the reports need the permissions
/// that Site Administrators and Practice Managers hold.
/// </summary>
internal sealed partial class PaymentsService(IGrainFactory grains) : Proto.Payments.PaymentsBase
{
    private const int DefaultPage = 100;

    [Allow(Callers.StaffUser | Callers.PracticeSession)]
    public override async Task<Proto.Payment> CollectPayment(Proto.CollectPaymentRequest request, ServerCallContext context) =>
        (await Account(context).CollectAsync(new CollectPayment(
            request.IdempotencyKey,
            request.Amount.ToDomain("amount"),
            request.AppointmentReference.OrNull(),
            request.InvoiceId.OrNull(),
            request.Description.OrNull(),
            request.CardToken,
            request.CardLast4.OrNull(),
            Actor(context)))).ToProto();

    [Allow(Callers.StaffUser | Callers.PracticeSession)]
    public override async Task<Proto.GetPaymentResponse> GetPayment(Proto.GetPaymentRequest request, ServerCallContext context) =>
        (await Account(context).GetPaymentAsync(request.PaymentId)).ToProto();

    [Allow(Callers.StaffUser)]
    public override async Task<Proto.PaymentSettings> GetPaymentSettings(Proto.GetPaymentSettingsRequest request, ServerCallContext context) =>
        (await Account(context).GetSettingsAsync()).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<Proto.PaymentSettings> SetPaymentSettings(Proto.SetPaymentSettingsRequest request, ServerCallContext context) =>
        (await Account(context).SetSettingsAsync(request.Settings.ToDomain(), Actor(context))).ToProto();

    private IPaymentAccountGrain Account(ServerCallContext context) => grains.GetGrain<IPaymentAccountGrain>(GrainKeys.PaymentAccount(context.GetClinicId()));

    /// <summary>The caller as the ledger and the audit log name them.</summary>
    private static string Actor(ServerCallContext context)
    {
        var caller = context.GetPrincipal();
        return caller.Kind is Callers.PracticeSession ? AuditActors.Practice(caller.SessionId!) : AuditActors.Staff(context.GetStaffUserId());
    }
}
