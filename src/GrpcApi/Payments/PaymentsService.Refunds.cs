using Grpc.Core;
using VetActors.Grains.Identity;
using VetActors.Grains.Payments;
using VetActors.GrpcApi.Security;
using Proto = VetActors.Protos.Payments.V1;

namespace VetActors.GrpcApi.Payments;

internal sealed partial class PaymentsService
{
    [Allow(Callers.StaffUser, Permission = StaffPermissions.ApplyRefund)]
    public override async Task<Proto.Refund> RefundPayment(Proto.RefundPaymentRequest request, ServerCallContext context) =>
        (await Account(context).RequestRefundAsync(new RequestRefund(
            request.IdempotencyKey,
            request.PaymentId,
            request.Amount.ToDomain("amount"),
            (RefundReason)(int)request.Reason,
            request.Note.OrNull(),
            context.GetStaffUserId()))).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ApplyRefund)]
    public override async Task<Proto.Refund> ApproveRefund(Proto.ApproveRefundRequest request, ServerCallContext context) =>
        (await Account(context).ApproveRefundAsync(request.RefundId, context.GetStaffUserId())).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ApplyRefund)]
    public override async Task<Proto.Refund> RejectRefund(Proto.RejectRefundRequest request, ServerCallContext context) =>
        (await Account(context).RejectRefundAsync(request.RefundId, context.GetStaffUserId(), request.Note.OrNull())).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.ApplyRefund)]
    public override async Task<Proto.ListRefundsResponse> ListRefunds(Proto.ListRefundsRequest request, ServerCallContext context) =>
        new() { Refunds = { (await Account(context).ListRefundsAsync(request.PendingOnly)).Select(r => r.ToProto()) } };
}
