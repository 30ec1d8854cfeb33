using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VetActors.Grains.Payments.Internal;

/// <summary>
/// The default processor: no card network is contacted. Every capture is approved and every refund made as asked,
/// and the clinic's ledger is the record of both. References are derived from the clinic and the idempotency key, so
/// a retried call gets the reference of the first one, across restarts too. Nothing about the card is kept here.
/// </summary>
internal sealed class LocalCardProcessor(IOptions<LocalCardProcessorOptions> options) : ICardProcessor
{
    public Task<CardCaptureResult> CaptureAsync(CardCapture capture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var schedule = options.Value;
        var fee = checked((capture.Amount.MinorUnits * schedule.FeeBasisPoints) / PayoutRules.WholeFee + schedule.FixedFeeMinorUnits);
        var charged = new Money(Math.Min(fee, capture.Amount.MinorUnits), capture.Amount.Currency);
        return Task.FromResult(new CardCaptureResult(true, Reference("cap", capture.ClinicId, capture.IdempotencyKey), charged));
    }

    public Task<CardRefundResult> RefundAsync(CardRefund refund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return Task.FromResult(new CardRefundResult(Reference("ref", refund.ClinicId, refund.IdempotencyKey)));
    }

    private static string Reference(string kind, string clinicId, string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(clinicId + "\n" + idempotencyKey));
        return $"local_{kind}_{Convert.ToHexStringLower(hash.AsSpan(0, 12))}";
    }
}
