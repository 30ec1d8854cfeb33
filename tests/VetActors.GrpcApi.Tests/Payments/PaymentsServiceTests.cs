using Grpc.Core;
using VetActors.GrpcApi.Errors.Internal;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Payments.V1;
using CommonRole = VetActors.Protos.Common.V1.StaffRole;
using StaffPermission = VetActors.Protos.Common.V1.StaffPermission;

namespace VetActors.GrpcApi.Tests.Payments;

/// <summary>The payment RPCs through the interceptors with real credentials of an onboarded clinic.</summary>
public sealed class PaymentsServiceTests : IAsyncLifetime
{
    private const string Payments = "/vetactors.payments.v1.Payments/";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _clinic = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _clinic = await ClinicWorld.CreateAsync(_host, "clinic-pay");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task CollectPayment_SameKeyRetried_ReturnsTheSamePaymentAndCollectsOnce()
    {
        var first = await Collect("key-1", 12_000, _clinic.PracticeToken);
        var retried = await Collect("key-1", 12_000, _clinic.PracticeToken);
        var changed = await Assert.ThrowsAsync<RpcException>(() => Collect("key-1", 13_000, _clinic.PracticeToken));

        Assert.Equal(first, retried);
        Assert.StartsWith("practice-session:", first.CollectedBy, StringComparison.Ordinal);
        Assert.Equal(StatusCode.AlreadyExists, changed.StatusCode);
        Assert.Contains("different amount", changed.Status.Detail, StringComparison.Ordinal);
        var entries = await Call<ListTransactionsRequest, ListTransactionsResponse>("ListTransactions", new ListTransactionsRequest(), _clinic.AdminToken);
        Assert.Single(entries.Entries, e => e.Kind == LedgerEntryKind.Collection);
    }

    [Fact]
    public async Task CollectPayment_BadInput_InvalidArgumentWithFieldViolationsAndNothingRecorded()
    {
        var request = new CollectPaymentRequest
        {
            IdempotencyKey = "key-1",
            Amount = new Money { MinorUnits = -1, Currency = "USD" },
            InvoiceId = "INV-1",
            Description = "Bloodwork",
            CardToken = "4111111111111111",
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => Call<CollectPaymentRequest, Payment>("CollectPayment", request, _clinic.StaffToken));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var details = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(StatusMapping.StatusDetailsTrailer));
        Assert.Equal(["amount", "card_token"], details.Details.Single().Unpack<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(0, (await Call<CheckLedgerRequest, LedgerCheck>("CheckLedger", new CheckLedgerRequest(), _clinic.AdminToken)).EntryCount);
        var missingAmount = await Assert.ThrowsAsync<RpcException>(() => Call<CollectPaymentRequest, Payment>("CollectPayment", new CollectPaymentRequest { IdempotencyKey = "k" }, _clinic.StaffToken));
        Assert.Equal(StatusCode.InvalidArgument, missingAmount.StatusCode);
    }

    [Fact]
    public async Task RefundPayment_CallerWithoutApplyRefund_PermissionDenied_AndWhoAmISaysSo()
    {
        var payment = await Collect("key-1", 12_000, _clinic.PracticeToken);

        var byManager = await Assert.ThrowsAsync<RpcException>(() => Refund(payment.PaymentId, "r1", 1_000, _clinic.ManagerToken));
        var managerMayRefund = await MayRefundAsync(_clinic.ManagerToken);
        var frontDeskMayRefund = await MayRefundAsync(_clinic.StaffToken);
        var byFrontDesk = await Refund(payment.PaymentId, "r1", 1_000, _clinic.StaffToken);

        Assert.Equal(StatusCode.PermissionDenied, byManager.StatusCode);
        Assert.False(managerMayRefund);
        Assert.True(frontDeskMayRefund);
        Assert.Equal(RefundStatus.Completed, byFrontDesk.Status);
    }

    [Fact]
    public async Task RefundPayment_AboveTheLimit_NeedsASecondRefunder()
    {
        await Call<SetPaymentSettingsRequest, PaymentSettings>("SetPaymentSettings", new SetPaymentSettingsRequest
        {
            Settings = new PaymentSettings { Currency = "USD", DefaultRefundLimit = 2_000, PartialPayoutBasisPoints = 5_000 },
        }, _clinic.AdminToken);
        var (secondToken, secondUserId) = await _clinic.AddMemberAndSignInAsync("second", CommonRole.Staff, applyRefund: true);
        var payment = await Collect("key-1", 12_000, _clinic.PracticeToken);

        var pending = await Refund(payment.PaymentId, "r1", 5_000, _clinic.StaffToken);
        var selfApproval = await Assert.ThrowsAsync<RpcException>(() => Call<ApproveRefundRequest, Refund>("ApproveRefund", new ApproveRefundRequest { RefundId = pending.RefundId }, _clinic.StaffToken));
        var listed = await Call<ListRefundsRequest, ListRefundsResponse>("ListRefunds", new ListRefundsRequest { PendingOnly = true }, secondToken);
        var approved = await Call<ApproveRefundRequest, Refund>("ApproveRefund", new ApproveRefundRequest { RefundId = pending.RefundId }, secondToken);
        var after = await Call<GetPaymentRequest, GetPaymentResponse>("GetPayment", new GetPaymentRequest { PaymentId = payment.PaymentId }, _clinic.PracticeToken);

        Assert.Equal(RefundStatus.PendingApproval, pending.Status);
        Assert.Equal(StatusCode.PermissionDenied, selfApproval.StatusCode);
        Assert.Equal([pending.RefundId], listed.Refunds.Select(r => r.RefundId));
        Assert.Equal((RefundStatus.Completed, secondUserId), (approved.Status, approved.DecidedBy));
        Assert.Equal((5_000L, 7_000L), (after.Refunded.MinorUnits, after.Refundable.MinorUnits));
        Assert.True((await Call<CheckLedgerRequest, LedgerCheck>("CheckLedger", new CheckLedgerRequest(), _clinic.AdminToken)).Consistent);
    }

    public static TheoryData<string> ManagerViews() => ["GetMonthlyStatement", "ListReconciliations", "ListTransactions", "ListPayouts", "CheckLedger"];

    [Theory]
    [MemberData(nameof(ManagerViews))]
    public async Task ManagerView_OnlySiteAdministratorsAndPracticeManagers(string rpc)
    {
        var outcomes = new Dictionary<string, StatusCode>();
        foreach (var (name, token) in new[]
        {
            ("admin", _clinic.AdminToken), ("manager", _clinic.ManagerToken), ("staff", _clinic.StaffToken),
            ("practice", _clinic.PracticeToken), ("client", _clinic.ClientToken),
        })
        {
            try
            {
                await _host.InvokeUntypedAsync(Payments + rpc, Request(rpc), token);
                outcomes[name] = StatusCode.OK;
            }
            catch (RpcException ex)
            {
                outcomes[name] = ex.StatusCode;
            }
        }

        Assert.Equal(
            new Dictionary<string, StatusCode>
            {
                ["admin"] = StatusCode.OK, ["manager"] = StatusCode.OK, ["staff"] = StatusCode.PermissionDenied,
                ["practice"] = StatusCode.PermissionDenied, ["client"] = StatusCode.PermissionDenied,
            },
            outcomes);
    }

    private static Google.Protobuf.IMessage Request(string rpc) => rpc switch
    {
        "GetMonthlyStatement" => new GetMonthlyStatementRequest { Year = 2026, Month = 11 },
        "ListReconciliations" => new ListReconciliationsRequest(),
        "ListTransactions" => new ListTransactionsRequest(),
        "ListPayouts" => new ListPayoutsRequest(),
        _ => new CheckLedgerRequest(),
    };

    private async Task<bool> MayRefundAsync(string token) =>
        (await _host.InvokeAsync<WhoAmIRequest, WhoAmIResponse>("/vetactors.identity.v1.SignIn/WhoAmI", new WhoAmIRequest(), token))
            .Permissions.Contains(StaffPermission.ApplyRefund);

    private Task<Payment> Collect(string key, long cents, string token) => Call<CollectPaymentRequest, Payment>("CollectPayment", new CollectPaymentRequest
    {
        IdempotencyKey = key,
        Amount = new Money { MinorUnits = cents, Currency = "USD" },
        InvoiceId = "INV-7",
        Description = "Bloodwork",
        CardToken = "tok_visa",
        CardLast4 = "4242",
    }, token);

    private Task<Refund> Refund(string paymentId, string key, long cents, string token) => Call<RefundPaymentRequest, Refund>("RefundPayment", new RefundPaymentRequest
    {
        IdempotencyKey = key,
        PaymentId = paymentId,
        Amount = new Money { MinorUnits = cents, Currency = "USD" },
        Reason = RefundReason.ServiceNotProvided,
    }, token);

    private Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, string token) where TRequest : class where TResponse : class =>
        _host.InvokeAsync<TRequest, TResponse>(Payments + method, request, token);
}
