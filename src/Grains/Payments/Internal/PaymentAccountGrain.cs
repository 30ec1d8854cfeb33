using System.Globalization;
using VetActors.Actors;
using VetActors.Grains.Appointments;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;

namespace VetActors.Grains.Payments.Internal;

/// <summary>
/// A clinic's payment account: collections and refunds here, payouts and reports in the partial files. Turns are
/// one at a time, so two refunds of one payment are checked against what remains one after the other and can never
/// together exceed it. Every change is saved before the call returns.
/// </summary>
internal sealed partial class PaymentAccountGrain(
    [PersistentState("account")] IPersistentState<PaymentAccountState> account,
    ICardProcessor processor,
    IPaymentStaffDirectory staff,
    TimeProvider time) : Grain, IPaymentAccountGrain
{
    private PaymentAccountState State => account.State;

    private string ClinicId => GrainKeys.ClinicIdOf(this.GetPrimaryKeyString());

    private string Currency => State.Settings.Currency;

    // Staged by a change and written to the journal before the state that counts them (see SaveAsync).
    private readonly List<LedgerEntry> stagedEntries = [];
    private readonly Dictionary<string, PaymentRecord> stagedPayments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefundView> stagedRefunds = new(StringComparer.Ordinal);

    private LedgerJournal Journal => new(GrainFactory, ClinicId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Entries after the committed count belong to a write that died before its state did: it was never
        // acknowledged, so it did not happen (a retry with its idempotency key makes it again).
        await Journal.TruncateAfterAsync(State.EntryCount);
        if (State.PendingAudit.Count > 0)
        {
            await CatchUpAuditAsync();
        }
    }

    public Task<PaymentSettings> GetSettingsAsync() => Task.FromResult(State.Settings);

    public async Task<PaymentSettings> SetSettingsAsync(PaymentSettings settings, string actor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings with { UserRefundLimits = settings.UserRefundLimits ?? [] };
        ValidateSettings(settings);
        if (settings.Currency != Currency && State.EntryCount > 0)
        {
            throw new RuleViolation(PaymentRules.CurrencyLocked, $"The ledger holds {State.EntryCount} entries in {Currency}; its currency can no longer change.");
        }

        var before = Describe(State.Settings);
        State.Settings = settings;
        await SaveAsync(new AuditRecord(actor, "payments.settings_changed", "payments/settings", before, Describe(settings)));
        return settings;
    }

    private static void ValidateSettings(PaymentSettings settings)
    {
        var violations = new List<FieldViolation>();
        if (!Money.IsCurrencyCode(settings.Currency))
        {
            violations.Add(new FieldViolation("currency", "must be an ISO 4217 code such as USD."));
        }

        if (settings.DefaultRefundLimit is < 0)
        {
            violations.Add(new FieldViolation("default_refund_limit", "must not be negative."));
        }

        foreach (var (userId, limit) in settings.UserRefundLimits)
        {
            if (!GrainKeys.IsValidId(userId) || limit < 0)
            {
                violations.Add(new FieldViolation("user_refund_limits", $"'{userId}': needs a staff user id and a limit of zero or more."));
            }
        }

        if (settings.PractitionerFee < 0)
        {
            violations.Add(new FieldViolation("practitioner_fee", "must not be negative."));
        }

        if (settings.PartialPayoutBasisPoints is < 0 or > PayoutRules.WholeFee)
        {
            violations.Add(new FieldViolation("partial_payout_basis_points", $"must be 0 to {PayoutRules.WholeFee}."));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }

    private static string Describe(PaymentSettings s)
    {
        var userLimits = string.Join(", ", s.UserRefundLimits.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        var defaultLimit = s.DefaultRefundLimit?.ToString(CultureInfo.InvariantCulture) ?? "none";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"currency {s.Currency}; default refund limit {defaultLimit}; user limits {userLimits}; practitioner fee {s.PractitionerFee}; partial {s.PartialPayoutBasisPoints} bp");
    }

    private IAppointmentGrain Appointment(string reference) => GrainFactory.GetGrain<IAppointmentGrain>(GrainKeys.Appointment(ClinicId, reference));

    private async Task RequireApplyRefundAsync(string userId)
    {
        if (!GrainKeys.IsValidId(userId))
        {
            throw new ValidationException("user_id", "must be a staff user id.");
        }

        // Read at the moment of the request: a permission withdrawn a second ago no longer counts.
        if (!(await staff.PermissionsOfAsync(ClinicId, userId, CancellationToken.None)).HasFlag(StaffPermissions.ApplyRefund))
        {
            throw new PermissionDeniedException(PaymentRules.ApplyRefundRequired, $"Staff member {userId} does not hold the Apply refund permission.");
        }
    }

    private Money Amount(long minorUnits) => new(minorUnits, Currency);

    private static string NextId(string prefix, int count) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{count + 1:D6}");

    private LedgerEntry Post(
        LedgerEntryKind kind, LedgerAccount debit, LedgerAccount credit, Money amount, string actor,
        string? paymentId = null, string? refundId = null, string? appointmentReference = null, string? batchId = null)
    {
        State.EntryCount++;
        var entry = new LedgerEntry(State.EntryCount, time.GetUtcNow(), kind, debit, credit, amount, actor, paymentId, refundId, appointmentReference, batchId);
        stagedEntries.Add(entry);
        State.Balances[debit] = checked(State.Balances.GetValueOrDefault(debit) + amount.MinorUnits);
        State.Balances[credit] = checked(State.Balances.GetValueOrDefault(credit) - amount.MinorUnits);
        return entry;
    }

    /// <summary>
    /// The one save path. The staged entries and records are written first (keyed by sequence and id, so a retry
    /// rewrites rather than doubles them), then the state that counts them together with the change's audit entries;
    /// the call is acknowledged only after both. A crash in between leaves journal writes the state does not count:
    /// readers ignore them and activation removes them. Then the audit log is written.
    /// </summary>
    private async Task SaveAsync(params AuditRecord[] audit)
    {
        State.PendingAudit.AddRange(audit);
        try
        {
            await WriteStagedAsync();
            await account.WriteStateAsync();
        }
        catch
        {
            // Not durable, so it did not happen: the next call must not see it.
            try
            {
                await account.ReadStateAsync();
            }
            catch
            {
                DeactivateOnIdle();
            }

            throw;
        }
        finally
        {
            ClearStaged();
        }

        await FlushAuditAsync();
    }

    private async Task FlushAuditAsync()
    {
        var log = AuditLog.For(GrainFactory, ClinicId);
        while (State.PendingAudit.Count > 0)
        {
            await log.AppendAsync(State.PendingAudit[0]);

            // The shorter list is saved with the next change; until then activation finds these in the log.
            State.PendingAudit.RemoveAt(0);
        }
    }

    private async Task CatchUpAuditAsync()
    {
        var log = AuditLog.For(GrainFactory, ClinicId);
        var written = new HashSet<(string, string, string, string?)>();
        for (long after = 0; ;)
        {
            var page = await log.ReadAsync(after, PaymentRules.MaxPage);
            foreach (var entry in page)
            {
                written.Add((entry.Actor, entry.Action, entry.Target, entry.After));
            }

            if (page.Count < PaymentRules.MaxPage)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        State.PendingAudit.RemoveAll(r => written.Contains((r.Actor, r.Action, r.Target, r.After)));
        await SaveAsync();
    }
}
