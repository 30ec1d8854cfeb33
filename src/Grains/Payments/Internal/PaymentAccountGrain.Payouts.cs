using System.Collections.Immutable;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;

namespace VetActors.Grains.Payments.Internal;

internal sealed partial class PaymentAccountGrain
{
    public async Task<PayoutView> SettlePayoutAsync(string appointmentReference, string actor)
    {
        if (!GrainKeys.IsValidId(appointmentReference))
        {
            throw new ValidationException("appointment_reference", "is not an appointment reference.");
        }

        var appointment = await Appointment(appointmentReference).GetAsync();
        var existing = State.Payouts.GetValueOrDefault(appointmentReference);
        if (existing is { Status: PayoutStatus.Payable or PayoutStatus.Paid or PayoutStatus.NotPayable })
        {
            // Earned (or refused) once and for good: settling again changes nothing and pays nothing twice.
            return existing;
        }

        var decision = PayoutRules.Decide(appointment.Payout, State.Settings.PractitionerFee, State.Settings.PartialPayoutBasisPoints);
        if (decision.Status is PayoutStatus.Payable && State.Settings.PractitionerFee == 0)
        {
            throw new RuleViolation(PaymentRules.NoPractitionerFee, "The clinic has no practitioner fee in its payment settings; set one before settling payouts.");
        }

        var status = decision is { Status: PayoutStatus.Payable, AmountMinorUnits: 0 } ? PayoutStatus.NotPayable : decision.Status;
        if (existing is not null && existing.Status == status && existing.AppointmentPayout == appointment.Payout)
        {
            return existing;
        }

        var payout = new PayoutView(
            appointmentReference, appointment.PractitionerId, appointment.Payout, status, Amount(decision.AmountMinorUnits), null, time.GetUtcNow());
        State.Payouts[appointmentReference] = payout;
        var ledger = "";
        if (status is PayoutStatus.Payable)
        {
            var entry = Post(
                LedgerEntryKind.PayoutAccrued, LedgerAccount.PractitionerFees, LedgerAccount.PractitionerPayable, payout.Amount, actor, appointmentReference: appointmentReference);
            ledger = $"; ledger {entry.Sequence}";
        }

        await SaveAsync(new AuditRecord(
            actor, "payments.payout_settled", "payout/" + appointmentReference, existing?.Status.ToString(),
            $"{status} {payout.Amount} to practitioner {payout.PractitionerId} (appointment payout {appointment.Payout}){ledger}"));
        return payout;
    }

    public Task<ImmutableArray<PayoutView>> ListPayoutsAsync() =>
        Task.FromResult(State.Payouts.Values.OrderBy(p => p.AppointmentReference, StringComparer.Ordinal).ToImmutableArray());

    public async Task<PayoutBatch> CreatePayoutBatchAsync(string actor)
    {
        var payable = State.Payouts.Values.Where(p => p.Status is PayoutStatus.Payable).OrderBy(p => p.AppointmentReference, StringComparer.Ordinal).ToArray();
        if (payable.Length == 0)
        {
            throw new RuleViolation(PaymentRules.NothingToPay, "No payout is payable: settle completed appointments first.");
        }

        var batchId = NextId("PB", State.Batches.Count);
        var total = Amount(0);
        foreach (var payout in payable)
        {
            Post(
                LedgerEntryKind.PayoutPaid, LedgerAccount.PractitionerPayable, LedgerAccount.ClinicFunds, payout.Amount, actor,
                appointmentReference: payout.AppointmentReference, batchId: batchId);
            State.Payouts[payout.AppointmentReference] = payout with { Status = PayoutStatus.Paid, PayoutBatchId = batchId };
            total = total.Plus(payout.Amount);
        }

        var batch = new PayoutBatch(batchId, time.GetUtcNow(), actor, total, [.. payable.Select(p => p.AppointmentReference)]);
        State.Batches.Add(batch);
        await SaveAsync(new AuditRecord(actor, "payments.payout_batch_paid", "payout-batch/" + batchId, After: $"{payable.Length} payouts, {total}"));
        return batch;
    }
}
