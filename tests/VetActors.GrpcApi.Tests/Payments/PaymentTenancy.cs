using Google.Protobuf;
using Grpc.Core;
using VetActors.Grains.Appointments;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Payments;
using VetActors.GrpcApi.Tests.Appointments;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Security;
using VetActors.Protos.Payments.V1;
using CommonRole = VetActors.Protos.Common.V1.StaffRole;
using Money = VetActors.Grains.Payments.Money;
using PaymentSettings = VetActors.Grains.Payments.PaymentSettings;
using RefundReason = VetActors.Grains.Payments.RefundReason;

namespace VetActors.GrpcApi.Tests.Payments;

/// <summary>
/// Tenancy samples of the payment RPCs. Clinic A holds payment <see cref="PaymentId"/>, refund <see cref="RefundId"/>
/// awaiting approval (requested by a second refunder, above the clinic's limit) and the settled payout of the completed
/// appointment <see cref="AppointmentTenancy.Reference"/>; clinic B holds none of them. Refund RPCs are made by each
/// clinic's front-desk member, who holds Apply refund (the administrators do not).
/// </summary>
internal static class PaymentTenancy
{
    public const string PaymentId = "PAY-000001";
    public const string RefundId = "RF-000001";

    private const string Payments = "/vetactors.payments.v1.Payments/";

    public static IEnumerable<KeyValuePair<string, TenancySample>> Samples()
    {
        yield return Sample("CollectPayment", StatusCode.OK, StatusCode.NotFound, new CollectPaymentRequest
        {
            IdempotencyKey = "tenancy-collect",
            Amount = new Protos.Payments.V1.Money { MinorUnits = 2_500, Currency = "USD" },
            AppointmentReference = AppointmentTenancy.Reference,
            CardToken = "tok_tenancy",
        });
        yield return Sample("GetPayment", StatusCode.OK, StatusCode.NotFound, new GetPaymentRequest { PaymentId = PaymentId });
        yield return Sample("RefundPayment", StatusCode.OK, StatusCode.NotFound, new RefundPaymentRequest
        {
            IdempotencyKey = "tenancy-refund",
            PaymentId = PaymentId,
            Amount = new Protos.Payments.V1.Money { MinorUnits = 500, Currency = "USD" },
            Reason = Protos.Payments.V1.RefundReason.RequestedByClient,
        }, refunder: true);
        yield return Sample("ApproveRefund", StatusCode.OK, StatusCode.NotFound, new ApproveRefundRequest { RefundId = RefundId }, refunder: true);
        yield return Sample("RejectRefund", StatusCode.OK, StatusCode.NotFound, new RejectRefundRequest { RefundId = RefundId, Note = "sample" }, refunder: true);
        yield return Sample("ListRefunds", StatusCode.OK, StatusCode.OK, new ListRefundsRequest(), refunder: true);
        yield return Sample("GetPaymentSettings", StatusCode.OK, StatusCode.OK, new GetPaymentSettingsRequest());
        yield return Sample("SetPaymentSettings", StatusCode.OK, StatusCode.OK, new SetPaymentSettingsRequest
        {
            Settings = new Protos.Payments.V1.PaymentSettings { Currency = "USD", PractitionerFee = 4_000, PartialPayoutBasisPoints = 5_000 },
        });
        yield return Sample("SettlePayout", StatusCode.OK, StatusCode.NotFound, new SettlePayoutRequest { AppointmentReference = AppointmentTenancy.Reference });
        yield return Sample("ListPayouts", StatusCode.OK, StatusCode.OK, new ListPayoutsRequest());

        // Clinic B has nothing payable, so its batch is refused; A's payout stays unpaid.
        yield return Sample("CreatePayoutBatch", StatusCode.OK, StatusCode.FailedPrecondition, new CreatePayoutBatchRequest());
        yield return Sample("GetMonthlyStatement", StatusCode.OK, StatusCode.OK, new GetMonthlyStatementRequest { Year = 2026, Month = 11 });
        yield return Sample("ListReconciliations", StatusCode.OK, StatusCode.OK, new ListReconciliationsRequest());
        yield return Sample("ListTransactions", StatusCode.OK, StatusCode.OK, new ListTransactionsRequest());
        yield return Sample("CheckLedger", StatusCode.OK, StatusCode.OK, new CheckLedgerRequest());
    }

    /// <summary>Sets clinic A's payment account up: a fee and a refund limit, a payment, a pending refund and a payable payout.</summary>
    public static async Task ArrangeAsync(ApiTestHost host, TenancyWorld world)
    {
        var clinic = world.A.ClinicId;
        var account = host.Grains.GetGrain<IPaymentAccountGrain>(GrainKeys.PaymentAccount(clinic));
        await account.SetSettingsAsync(PaymentSettings.Default with { DefaultRefundLimit = 1_000, PractitionerFee = 4_000 }, AuditActors.Staff(world.A.AdminUserId));
        var payment = await account.CollectAsync(new CollectPayment(
            "tenancy-arranged", new Money(10_000, "USD"), null, "INV-1", "Vaccines", "tok_arranged", "4242", AuditActors.Staff(world.A.StaffUserId)));
        var (_, secondRefunder) = await world.A.AddMemberAndSignInAsync("refunder2", CommonRole.Staff, applyRefund: true);
        await account.RequestRefundAsync(new RequestRefund("tenancy-pending", payment.PaymentId, new Money(5_000, "USD"), RefundReason.RequestedByClient, null, secondRefunder));

        var appointment = await AppointmentTenancy.ArrangeAsync(host, world, bothJoined: true, ended: true);
        await appointment.CompleteRecordAsync(new ClinicalRecord("Itchy ear.", "Otitis externa.", [], []));
        await account.SettlePayoutAsync(AppointmentTenancy.Reference, AuditActors.Staff(world.A.AdminUserId));
    }

    private static KeyValuePair<string, TenancySample> Sample<TRequest>(string method, StatusCode own, StatusCode other, TRequest request, bool refunder = false)
        where TRequest : class, IMessage =>
        new(Payments + method, new TenancySample(
            null,
            own,
            other,
            async (host, world, token) =>
            {
                // The matrix hands each clinic's administrator token; refunds are made by that clinic's refunder instead.
                var caller = !refunder ? token : token == world.A.AdminToken ? world.A.StaffToken : token == world.B.AdminToken ? world.B.StaffToken : token;
                return (await host.InvokeUntypedAsync(Payments + method, request, caller)).ToString() ?? string.Empty;
            },
            ArrangeAsync));
}
