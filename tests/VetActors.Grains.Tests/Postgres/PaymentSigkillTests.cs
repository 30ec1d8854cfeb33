using System.Globalization;
using Npgsql;
using VetActors.Actors.Postgres;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Payments;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Postgres;

/// <summary>
/// A silo process collecting and refunding with idempotency keys over PostgreSQL is killed with SIGKILL mid-burst.
/// Whatever it acknowledged is in the database; a second silo is sent the whole burst again, and the ledger ends
/// exact: each payment and refund once, balances equal to the burst's sums, the consistency check clean. The burst's
/// 175 entries span two ledger pages, so the kill can fall between a page write and the account's state write.
/// </summary>
public sealed class PaymentSigkillTests
{
    private const int Collections = 70;
    private const int KillAfterAcknowledgements = 75;
    private const long RefundCents = 300;

    [Fact]
    public async Task CollectionsAndRefunds_SiloKilledMidBurst_RetriedBurstLeavesExactBalancesAndNothingDoubled()
    {
        await using var dataSource = await PostgresTestServer.CreateDatabaseAsync();
        var acknowledged = new Dictionary<string, string>();

        using (var silo = PaymentCrashHost.Start(dataSource.ConnectionString))
        {
            SendCollections(silo);
            while (acknowledged.Count < KillAfterAcknowledgements)
            {
                var (key, id) = Acknowledgement(silo.NextLine());
                acknowledged[key] = id;
                if (RefundOf(key) is { } refund)
                {
                    silo.Send($"f {refund} {id} {RefundCents}");
                }
            }

            silo.Kill();
            Assert.Equal(137, silo.ExitCode);
        }

        await AssertAcknowledgedAreDurableAsync(dataSource, acknowledged);

        var retried = new Dictionary<string, string>();
        using (var silo = PaymentCrashHost.Start(dataSource.ConnectionString))
        {
            SendCollections(silo);
            while (retried.Count < Collections + Refunds().Count())
            {
                var (key, id) = Acknowledgement(silo.NextLine());
                retried[key] = id;
                if (RefundOf(key) is { } refund)
                {
                    silo.Send($"f {refund} {id} {RefundCents}");
                }
            }

            await silo.FinishAsync();
        }

        // The retry answered every acknowledged operation with what the first silo acknowledged.
        Assert.All(acknowledged, a => Assert.Equal(a.Value, retried[a.Key]));
        await AssertExactAsync(dataSource);
    }

    private static async Task AssertAcknowledgedAreDurableAsync(NpgsqlDataSource dataSource, Dictionary<string, string> acknowledged)
    {
        await using var world = await ReaderAsync(dataSource);
        var refunds = (await Account(world).ListRefundsAsync(pendingOnly: false)).ToDictionary(r => r.IdempotencyKey, r => r.RefundId);
        foreach (var (key, id) in acknowledged)
        {
            if (key.StartsWith("c-", StringComparison.Ordinal))
            {
                Assert.Equal(key, (await Account(world).GetPaymentAsync(id)).Receipt.IdempotencyKey);
            }
            else
            {
                Assert.Equal(id, refunds[key]);
            }
        }

        await world.AssertConsistentAsync(Account(world));

        // The kill interrupted the burst: the retry has work left to do, not only answers to repeat.
        var durable = (await Account(world).CheckAsync()).EntryCount;
        Assert.True(durable < (2 * Collections) + Refunds().Count(), $"The first silo finished the burst before it was killed ({durable} entries).");
    }

    private static async Task AssertExactAsync(NpgsqlDataSource dataSource)
    {
        await using var world = await ReaderAsync(dataSource);
        var account = Account(world);
        var check = await world.AssertConsistentAsync(account);
        var entries = await account.ListTransactionsAsync(new TransactionFilter(Limit: 500));
        var amounts = Enumerable.Range(0, Collections).Select(Cents).ToArray();
        var fees = amounts.Sum(a => (a * 290 / 10_000) + 30);
        var refunded = Refunds().Count() * RefundCents;

        Assert.Equal(Collections, entries.Count(e => e.Kind is LedgerEntryKind.Collection));
        Assert.Equal(Collections, entries.Where(e => e.Kind is LedgerEntryKind.Collection).Select(e => e.PaymentId).Distinct().Count());
        Assert.Equal(Refunds().Count(), entries.Count(e => e.Kind is LedgerEntryKind.Refund));
        Assert.Equal(Collections + Collections + Refunds().Count(), check.EntryCount);
        Assert.Equal(-amounts.Sum(), Balance(check, LedgerAccount.Collections));
        Assert.Equal(refunded, Balance(check, LedgerAccount.Refunds));
        Assert.Equal(fees, Balance(check, LedgerAccount.ProcessorFees));
        Assert.Equal(amounts.Sum() - fees - refunded, Balance(check, LedgerAccount.ClinicFunds));

        // Every movement is audited once: one killed between its ledger write and its audit entry is caught up on activation.
        var audit = await AuditLog.For(world.Grains, PaymentCrashHost.Clinic).ReadAsync(0, 500);
        Assert.Equal(Collections, audit.Where(a => a.Action == "payments.collected").Select(a => a.Target).Distinct().Count());
        Assert.Equal(Collections, audit.Count(a => a.Action == "payments.collected"));
        Assert.Equal(Refunds().Count(), audit.Count(a => a.Action == "payments.refunded"));
    }

    private static void SendCollections(PaymentCrashHost silo)
    {
        for (var i = 0; i < Collections; i++)
        {
            silo.Send(string.Create(CultureInfo.InvariantCulture, $"c c-{i} {Cents(i)}"));
        }
    }

    private static long Cents(int i) => 1_000 + (i * 7);

    /// <summary>Every even collection is refunded in part, under key <c>r-i</c>.</summary>
    private static IEnumerable<string> Refunds() => Enumerable.Range(0, Collections).Where(i => i % 2 == 0).Select(i => $"r-{i}");

    private static string? RefundOf(string key) =>
        key.StartsWith("c-", StringComparison.Ordinal) && int.Parse(key[2..], CultureInfo.InvariantCulture) % 2 == 0 ? "r-" + key[2..] : null;

    private static (string Key, string Id) Acknowledgement(string? line)
    {
        Assert.NotNull(line);
        var parts = line.Split(' ', 3);
        Assert.True(parts[0] == "a", $"The crash host refused an operation: {line}");
        return (parts[1], parts[2]);
    }

    private static long Balance(LedgerCheck check, LedgerAccount account) => check.Balances.Single(b => b.Account == account).Balance.MinorUnits;

    private static IPaymentAccountGrain Account(PaymentWorld world) => world.Grains.GetGrain<IPaymentAccountGrain>(GrainKeys.PaymentAccount(PaymentCrashHost.Clinic));

    private static Task<PaymentWorld> ReaderAsync(NpgsqlDataSource dataSource) => PaymentWorld.StartAsync(services => services.AddPostgresGrainStorage(dataSource));
}
