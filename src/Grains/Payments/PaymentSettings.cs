using System.Collections.Immutable;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// A clinic's payment settings. A refund above the requesting user's limit (their own limit, else
/// <paramref name="DefaultRefundLimit"/>; no limit when both are absent) waits for a second user with Apply refund
/// to approve it. A practitioner earns <paramref name="PractitionerFee"/> per appointment paid in full, and
/// <paramref name="PartialPayoutBasisPoints"/> ten-thousandths of it when support grants a partial payout.
/// </summary>
[Immutable]
public sealed record PaymentSettings(
    string Currency,
    long? DefaultRefundLimit,
    ImmutableDictionary<string, long> UserRefundLimits,
    long PractitionerFee,
    int PartialPayoutBasisPoints)
{
    /// <summary>USD, no refund limits, no practitioner fee, half the fee for a partial payout.</summary>
    public static PaymentSettings Default { get; } = new("USD", null, ImmutableDictionary<string, long>.Empty, 0, 5_000);

    /// <summary>The amount above which <paramref name="userId"/>'s refunds need a second approver; <c>null</c> when unlimited.</summary>
    public long? RefundLimitFor(string userId) =>
        UserRefundLimits is not null && UserRefundLimits.TryGetValue(userId, out var own) ? own : DefaultRefundLimit;
}
