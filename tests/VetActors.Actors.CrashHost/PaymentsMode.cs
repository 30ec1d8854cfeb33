using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Payments;

namespace VetActors.Actors.CrashHost;

/// <summary>
/// <c>payments</c> mode: the payment ledger of clinic <see cref="Clinic"/> over PostgreSQL, driven line by line:
/// <list type="bullet">
/// <item><c>c &lt;key&gt; &lt;cents&gt;</c> collects for invoice <c>key</c> -> <c>a &lt;key&gt; &lt;payment id&gt;</c> once durable;</item>
/// <item><c>f &lt;key&gt; &lt;payment id&gt; &lt;cents&gt;</c> refunds -> <c>a &lt;key&gt; &lt;refund id&gt;</c> once durable.</item>
/// </list>
/// Calls run concurrently; a refused or failed call prints <c>e &lt;key&gt; &lt;message&gt;</c>. Every user may refund here: the
/// permission rules are tested elsewhere, this mode is about durability.
/// </summary>
internal static class PaymentsMode
{
    public const string Clinic = "crash";

    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IPaymentStaffDirectory, EveryoneRefunds>();
        services.AddPayments();
        services.Configure<LocalCardProcessorOptions>(o => (o.FeeBasisPoints, o.FixedFeeMinorUnits) = (290, 30));
    }

    public static async Task RunAsync(IGrainFactory grains, Action<string> say)
    {
        var account = grains.GetGrain<IPaymentAccountGrain>(GrainKeys.PaymentAccount(Clinic));
        var pending = new List<Task>();
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    var id = parts[0] switch
                    {
                        "c" => (await account.CollectAsync(new CollectPayment(
                            parts[1], Usd(parts[2]), null, parts[1], "crash burst", "tok_crash", null, "staff:crash"))).PaymentId,
                        _ => (await account.RequestRefundAsync(new RequestRefund(
                            parts[1], parts[2], Usd(parts[3]), RefundReason.RequestedByClient, null, "crash-refunder"))).RefundId,
                    };
                    say($"a {parts[1]} {id}");
                }
                catch (Exception ex)
                {
                    // Every line gets an answer, so a driver never waits for one that will not come (a timed-out call too).
                    say($"e {parts[1]} {ex.GetType().Name}: {ex.Message}");
                }
            }));
        }

        await Task.WhenAll(pending);
    }

    private static Money Usd(string cents) => new(long.Parse(cents, CultureInfo.InvariantCulture), "USD");

    private sealed class EveryoneRefunds : IPaymentStaffDirectory
    {
        public Task<StaffPermissions> PermissionsOfAsync(string clinicId, string userId, CancellationToken cancellationToken) =>
            Task.FromResult(StaffPermissions.ApplyRefund);
    }
}
