using Grpc.Core;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Security;
using Proto = VetActors.Protos.Payments.V1;

namespace VetActors.GrpcApi.Payments;

internal sealed partial class PaymentsService
{
    [Allow(Callers.StaffUser, Permission = StaffPermissions.BackOffice)]
    public override async Task<Proto.Payout> SettlePayout(Proto.SettlePayoutRequest request, ServerCallContext context) =>
        (await Account(context).SettlePayoutAsync(request.AppointmentReference, Actor(context))).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.BackOffice)]
    public override async Task<Proto.ListPayoutsResponse> ListPayouts(Proto.ListPayoutsRequest request, ServerCallContext context) =>
        new() { Payouts = { (await Account(context).ListPayoutsAsync()).Select(p => p.ToProto()) } };

    [Allow(Callers.StaffUser, Permission = StaffPermissions.BackOffice)]
    public override async Task<Proto.PayoutBatch> CreatePayoutBatch(Proto.CreatePayoutBatchRequest request, ServerCallContext context) =>
        (await Account(context).CreatePayoutBatchAsync(Actor(context))).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.Statements)]
    public override async Task<Proto.MonthlyStatement> GetMonthlyStatement(Proto.GetMonthlyStatementRequest request, ServerCallContext context) =>
        (await Account(context).GetMonthlyStatementAsync(request.Year, request.Month)).ToProto();

    [Allow(Callers.StaffUser, Permission = StaffPermissions.PastReconciliations)]
    public override async Task<Proto.ListReconciliationsResponse> ListReconciliations(Proto.ListReconciliationsRequest request, ServerCallContext context) =>
        new() { Reconciliations = { (await Account(context).ListReconciliationsAsync()).Select(r => r.ToProto()) } };

    [Allow(Callers.StaffUser, Permission = StaffPermissions.BackOffice)]
    public override async Task<Proto.ListTransactionsResponse> ListTransactions(Proto.ListTransactionsRequest request, ServerCallContext context) =>
        new() { Entries = { (await Account(context).ListTransactionsAsync(request.ToDomain(DefaultPage))).Select(e => e.ToProto()) } };

    [Allow(Callers.StaffUser, Permission = StaffPermissions.BackOffice)]
    public override async Task<Proto.LedgerCheck> CheckLedger(Proto.CheckLedgerRequest request, ServerCallContext context) =>
        (await Account(context).CheckAsync()).ToProto();
}
