using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using VetActors.Grains.Common;
using VetActors.Grains.Payments;
using VetActors.GrpcApi.Appointments;
using Proto = VetActors.Protos.Payments.V1;

namespace VetActors.GrpcApi.Payments;

/// <summary>
/// Payment records to and from their protos. The proto enums number their values as the domain enums do, so a value
/// converts by number; an unspecified one becomes a value the ledger refuses with a field violation.
/// </summary>
internal static class PaymentsMapping
{
    public static Money ToDomain(this Proto.Money? money, string field) =>
        money is null ? throw new ValidationException(field, "is required.") : new Money(money.MinorUnits, money.Currency);

    public static Proto.Money ToProto(this Money money) => new() { MinorUnits = money.MinorUnits, Currency = money.Currency };

    public static string? OrNull(this string value) => value.Length == 0 ? null : value;

    public static Proto.Payment ToProto(this PaymentReceipt p) => new()
    {
        PaymentId = p.PaymentId,
        IdempotencyKey = p.IdempotencyKey,
        Amount = p.Amount.ToProto(),
        Fee = p.Fee.ToProto(),
        AppointmentReference = p.AppointmentReference ?? "",
        InvoiceId = p.InvoiceId ?? "",
        Description = p.Description ?? "",
        ClientId = p.ClientId ?? "",
        CardLast4 = p.CardLast4 ?? "",
        ProcessorReference = p.ProcessorReference,
        CollectedBy = p.CollectedBy,
        CollectedAt = Timestamp.FromDateTimeOffset(p.CollectedAt),
    };

    public static Proto.GetPaymentResponse ToProto(this PaymentView p) => new()
    {
        Payment = p.Receipt.ToProto(),
        Refunded = p.Refunded.ToProto(),
        PendingRefunds = p.PendingRefunds.ToProto(),
        Refundable = p.Refundable.ToProto(),
    };

    public static Proto.Refund ToProto(this RefundView r) => new()
    {
        RefundId = r.RefundId,
        PaymentId = r.PaymentId,
        IdempotencyKey = r.IdempotencyKey,
        Amount = r.Amount.ToProto(),
        Reason = (Proto.RefundReason)(int)r.Reason,
        Note = r.Note ?? "",
        Status = (Proto.RefundStatus)(int)r.Status,
        RequestedBy = r.RequestedBy,
        RequestedAt = Timestamp.FromDateTimeOffset(r.RequestedAt),
        DecidedBy = r.DecidedBy ?? "",
        DecidedAt = r.DecidedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        ProcessorReference = r.ProcessorReference ?? "",
    };

    public static Proto.PaymentSettings ToProto(this PaymentSettings s)
    {
        var proto = new Proto.PaymentSettings
        {
            Currency = s.Currency,
            PractitionerFee = s.PractitionerFee,
            PartialPayoutBasisPoints = s.PartialPayoutBasisPoints,
            UserRefundLimits = { s.UserRefundLimits },
        };
        if (s.DefaultRefundLimit is { } limit)
        {
            proto.DefaultRefundLimit = limit;
        }

        return proto;
    }

    public static PaymentSettings ToDomain(this Proto.PaymentSettings? s) => s is null
        ? throw new ValidationException("settings", "is required.")
        : new PaymentSettings(
            s.Currency,
            s.HasDefaultRefundLimit ? s.DefaultRefundLimit : null,
            s.UserRefundLimits.ToImmutableDictionary(StringComparer.Ordinal),
            s.PractitionerFee,
            s.PartialPayoutBasisPoints);

    public static Proto.Payout ToProto(this PayoutView p) => new()
    {
        AppointmentReference = p.AppointmentReference,
        PractitionerId = p.PractitionerId,
        AppointmentPayout = p.AppointmentPayout.ToProto(),
        Status = (Proto.PayoutStatus)(int)p.Status,
        Amount = p.Amount.ToProto(),
        PayoutBatchId = p.PayoutBatchId ?? "",
        SettledAt = Timestamp.FromDateTimeOffset(p.SettledAt),
    };

    public static Proto.PayoutBatch ToProto(this PayoutBatch b) => new()
    {
        BatchId = b.BatchId,
        CreatedAt = Timestamp.FromDateTimeOffset(b.CreatedAt),
        CreatedBy = b.CreatedBy,
        Total = b.Total.ToProto(),
        AppointmentReferences = { b.AppointmentReferences },
    };

    public static Proto.Reconciliation ToProto(this Reconciliation r) => new()
    {
        Batch = r.Batch.ToProto(),
        EntrySequences = { r.EntrySequences },
        MatchedTotal = r.MatchedTotal.ToProto(),
        Matched = r.IsMatched,
        Mismatches = { r.Mismatches },
    };

    public static Proto.MonthlyStatement ToProto(this MonthlyStatement s) => new()
    {
        Year = s.Year,
        Month = s.Month,
        Collections = s.Collections.ToProto(),
        CollectionCount = s.CollectionCount,
        Refunds = s.Refunds.ToProto(),
        RefundCount = s.RefundCount,
        Fees = s.Fees.ToProto(),
        Net = s.Net.ToProto(),
        TimeZone = s.TimeZone,
        From = Timestamp.FromDateTimeOffset(s.From),
        To = Timestamp.FromDateTimeOffset(s.To),
    };

    public static Proto.LedgerEntry ToProto(this LedgerEntry e) => new()
    {
        Sequence = e.Sequence,
        At = Timestamp.FromDateTimeOffset(e.At),
        Kind = (Proto.LedgerEntryKind)(int)e.Kind,
        Debit = (Proto.LedgerAccount)(int)e.Debit,
        Credit = (Proto.LedgerAccount)(int)e.Credit,
        Amount = e.Amount.ToProto(),
        Actor = e.Actor,
        PaymentId = e.PaymentId ?? "",
        RefundId = e.RefundId ?? "",
        AppointmentReference = e.AppointmentReference ?? "",
        PayoutBatchId = e.PayoutBatchId ?? "",
    };

    public static Proto.LedgerCheck ToProto(this LedgerCheck c) => new()
    {
        EntryCount = c.EntryCount,
        Balances = { c.Balances.Select(b => new Proto.AccountBalance { Account = (Proto.LedgerAccount)(int)b.Account, Balance = b.Balance.ToProto() }) },
        Consistent = c.IsConsistent,
        Problems = { c.Problems },
    };

    public static TransactionFilter ToDomain(this Proto.ListTransactionsRequest r, int defaultPage) => new(
        r.Kind is Proto.LedgerEntryKind.Unspecified ? null
            : System.Enum.IsDefined((LedgerEntryKind)(int)r.Kind) ? (LedgerEntryKind)(int)r.Kind
            : throw new ValidationException("kind", "is not a ledger entry kind."),
        r.From?.ToDateTimeOffset(),
        r.To?.ToDateTimeOffset(),
        r.PaymentId.OrNull(),
        r.AppointmentReference.OrNull(),
        r.AfterSequence,
        r.PageSize == 0 ? defaultPage : r.PageSize);
}
