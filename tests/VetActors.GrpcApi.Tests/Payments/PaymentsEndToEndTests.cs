using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using VetActors.GrpcApi.Errors.Internal;
using VetActors.GrpcApi.Tests.Appointments;
using VetActors.GrpcApi.Tests.EndToEnd;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Payments.V1;
using VetActors.Protos.Staff.V1;
using VetActors.Rpc.Client;
using CommonRole = VetActors.Protos.Common.V1.StaffRole;

namespace VetActors.GrpcApi.Tests.Payments;

/// <summary>
/// Payments over real gRPC (HTTP/2 on Kestrel, PostgreSQL storage) with VetActors' own client channel: the clinic is
/// onboarded through the API, its front desk collects, a refunder refunds, and the role gates hold on the wire.
/// </summary>
public sealed partial class PaymentsEndToEndTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>, IDisposable
{
    private const string Clinic = "e2e-payments";
    private const string Password = "correct horse battery";
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress("http://" + server.Target);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task CollectRefundAndReport_OverRealGrpc_GatedByPermissionAndRole()
    {
        var (practice, admin, refunder) = await OnboardAsync();

        var collected = await Payments<CollectPaymentRequest, Payment>("CollectPayment", Collect("e2e-key-1", 15_000), practice);
        var retried = await Payments<CollectPaymentRequest, Payment>("CollectPayment", Collect("e2e-key-1", 15_000), practice);
        var adminRefund = await Status(() => Payments<RefundPaymentRequest, Refund>("RefundPayment", RefundOf(collected.PaymentId, 4_000), admin));
        var refund = await Payments<RefundPaymentRequest, Refund>("RefundPayment", RefundOf(collected.PaymentId, 4_000), refunder);
        var overRefund = await Status(() => Payments<RefundPaymentRequest, Refund>("RefundPayment", RefundOf(collected.PaymentId, 11_001, "e2e-refund-2"), refunder));
        var month = TimeZoneInfo.ConvertTime(collected.CollectedAt.ToDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
        var statement = await Payments<GetMonthlyStatementRequest, MonthlyStatement>(
            "GetMonthlyStatement", new GetMonthlyStatementRequest { Year = month.Year, Month = month.Month }, admin);
        var statementByStaff = await Status(() => Payments<GetMonthlyStatementRequest, MonthlyStatement>(
            "GetMonthlyStatement", new GetMonthlyStatementRequest { Year = month.Year, Month = month.Month }, refunder));
        var backOfficeByPractice = await Status(() => Payments<ListTransactionsRequest, ListTransactionsResponse>("ListTransactions", new ListTransactionsRequest(), practice));
        var check = await Payments<CheckLedgerRequest, LedgerCheck>("CheckLedger", new CheckLedgerRequest(), admin);

        Assert.Equal(collected, retried);
        Assert.Equal(StatusCode.PermissionDenied, adminRefund);
        Assert.Equal(RefundStatus.Completed, refund.Status);
        Assert.Equal(StatusCode.FailedPrecondition, overRefund);
        Assert.Equal((15_000L, 4_000L, 1, 1), (statement.Collections.MinorUnits, statement.Refunds.MinorUnits, statement.CollectionCount, statement.RefundCount));
        Assert.Equal(statement.Collections.MinorUnits - statement.Refunds.MinorUnits - statement.Fees.MinorUnits, statement.Net.MinorUnits);
        Assert.Equal("America/Chicago", statement.TimeZone);
        Assert.Equal(StatusCode.PermissionDenied, statementByStaff);
        Assert.Equal(StatusCode.PermissionDenied, backOfficeByPractice);
        Assert.True(check.Consistent, string.Join("; ", check.Problems));
        Assert.Equal(2, check.EntryCount);
    }

    [Fact]
    public async Task CollectPayment_BadInputOverRealGrpc_InvalidArgumentWithFieldViolations()
    {
        var (practice, _, _) = await OnboardAsync("e2e-bad");
        var request = Collect("e2e-bad-1", 100);
        request.Amount.Currency = "usd";
        request.CardLast4 = "12";

        var error = await Assert.ThrowsAsync<RpcException>(() => Payments<CollectPaymentRequest, Payment>("CollectPayment", request, practice));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var details = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(StatusMapping.StatusDetailsTrailer));
        Assert.Equal(["amount", "card_last4"], details.Details.Single().Unpack<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
    }

    private static CollectPaymentRequest Collect(string key, long cents) => new()
    {
        IdempotencyKey = key,
        Amount = new Money { MinorUnits = cents, Currency = "USD" },
        InvoiceId = "INV-100",
        Description = "Annual vaccines",
        CardToken = "tok_e2e",
        CardLast4 = "4242",
    };

    private static RefundPaymentRequest RefundOf(string paymentId, long cents, string key = "e2e-refund-1") => new()
    {
        IdempotencyKey = key,
        PaymentId = paymentId,
        Amount = new Money { MinorUnits = cents, Currency = "USD" },
        Reason = RefundReason.RequestedByClient,
    };

    private static async Task<StatusCode> Status(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    /// <summary>Onboards a clinic; returns its practice session, its Site Administrator and a Staff member with Apply refund.</summary>
    private async Task<(string Practice, string Admin, string Refunder)> OnboardAsync(string clinic = Clinic)
    {
        var practiceId = "P-" + clinic;
        await Call<CreateClinicRequest, Clinic>("admin.v1.ClinicAdmin", "CreateClinic",
            new CreateClinicRequest { Clinic = ClinicWorld.NewClinic(clinic, practiceId), PracticePassword = ClinicWorld.PracticePassword }, ApiTestHost.InternalServiceKey);
        await Call<InviteSiteAdministratorRequest, InviteSiteAdministratorResponse>("admin.v1.ClinicAdmin", "InviteSiteAdministrator",
            new InviteSiteAdministratorRequest { ClinicId = clinic, Username = "ada", Name = "Ada Admin", Email = $"ada@{clinic}.example" }, ApiTestHost.InternalServiceKey);
        await AcceptAsync($"ada@{clinic}.example");
        var practice = (await Call<PracticeLoginRequest, PracticeLoginResponse>("identity.v1.SignIn", "PracticeLogin",
            new PracticeLoginRequest { PracticeId = practiceId, PracticePassword = ClinicWorld.PracticePassword }, null)).Session.Token;
        var admin = await LoginAsync("ada", practice);
        await Call<AddStaffMemberRequest, StaffMember>("staff.v1.StaffAccess", "AddStaffMember", new AddStaffMemberRequest
        {
            Username = "rita", Name = "Rita Refunds", Email = $"rita@{clinic}.example", Role = CommonRole.Staff, ApplyRefund = true,
        }, admin);
        await AcceptAsync($"rita@{clinic}.example");
        return (practice, admin, await LoginAsync("rita", practice));
    }

    private async Task<string> LoginAsync(string username, string practice) =>
        (await Call<UserLoginRequest, UserLoginResponse>("identity.v1.SignIn", "UserLogin", new UserLoginRequest { Username = username, Password = Password }, practice)).Session.Token;

    private async Task AcceptAsync(string email)
    {
        string? token = null;
        await Awaiting.UntilAsync(
            () =>
            {
                var mail = Directory.Exists(server.PickupDirectory)
                    ? Directory.GetFiles(server.PickupDirectory, "*.eml").Select(File.ReadAllText).LastOrDefault(t => t.Contains("To: " + email + "\r\n", StringComparison.Ordinal))
                    : null;
                token = mail is null ? null : RawGrpcCalls.InvitationToken().Match(mail).Value;
                return !string.IsNullOrEmpty(token);
            },
            "invitation email for " + email);
        await Call<AcceptInvitationRequest, AcceptInvitationResponse>("identity.v1.SignIn", "AcceptInvitation", new AcceptInvitationRequest { Token = token, Password = Password }, null);
    }

    private Task<TResponse> Payments<TRequest, TResponse>(string method, TRequest request, string token)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new() =>
        Call<TRequest, TResponse>("payments.v1.Payments", method, request, token);

    private async Task<TResponse> Call<TRequest, TResponse>(string service, string method, TRequest request, string? token)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        return await RawGrpcCalls.UnaryAsync<TRequest, TResponse>(_channel, "vetactors." + service, method, request, token);
    }


}
