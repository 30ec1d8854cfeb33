using VetActors.Grains.Appointments;

namespace VetActors.Grains.Payments;

/// <summary>
/// The one place that turns an appointment's payout state (set by the appointment and its support cases) into what
/// the practitioner is paid: in full when the record was completed on time or a held payout was released by a
/// support decision; a share of the fee after a support case about a no-show or technical difficulty was resolved in
/// their favour; nothing while overdue (held) or while support has not decided; nothing when decided against them.
/// </summary>
public static class PayoutRules
{
    /// <summary>The whole of a fee, in basis points.</summary>
    public const int WholeFee = 10_000;

    public static PayoutDecision Decide(PayoutState state, long fullFee, int partialBasisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fullFee);
        ArgumentOutOfRangeException.ThrowIfNegative(partialBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partialBasisPoints, WholeFee);
        return state switch
        {
            PayoutState.DueInFull or PayoutState.Released => new PayoutDecision(PayoutStatus.Payable, fullFee),

            // Rounded down: a fraction of a minor unit is never paid out of money the clinic does not split.
            PayoutState.Partial => new PayoutDecision(PayoutStatus.Payable, checked(fullFee * partialBasisPoints) / WholeFee),
            PayoutState.Held => new PayoutDecision(PayoutStatus.Held, 0),
            PayoutState.NotPayable => new PayoutDecision(PayoutStatus.NotPayable, 0),
            _ => new PayoutDecision(PayoutStatus.NotDue, 0),
        };
    }
}
