using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Consent.Internal;
using VetActors.Grains.Events;

namespace VetActors.Grains.Consent;

internal sealed class ClientConsentGrain(
    [PersistentState("consent")] IPersistentState<ConsentState> consent,
    TimeProvider timeProvider,
    IClinicEventHub? events = null) : Grain, IClientConsentGrain
{
    private ConsentState State => consent.State;

    public async Task<InboundSmsOutcome> ReceiveSmsAsync(InboundSms sms)
    {
        ArgumentNullException.ThrowIfNull(sms);
        CheckClinic(sms.Clinic);
        var kind = SmsKeywords.Classify(sms.Text);
        var keyword = SmsKeywords.Normalize(sms.Text);
        switch (kind)
        {
            case SmsKeywordKind.OptOut:
                await ApplyAsync(ConsentChannel.Sms, optedIn: false, ConsentSource.SmsKeyword, keyword, staffUserId: null);
                return new InboundSmsOutcome(kind, SmsReplies.OptedOut(sms.Clinic));
            case SmsKeywordKind.OptIn:
                await ApplyAsync(ConsentChannel.Sms, optedIn: true, ConsentSource.SmsKeyword, keyword, staffUserId: null);
                return new InboundSmsOutcome(kind, SmsReplies.OptedIn(sms.Clinic));
            case SmsKeywordKind.Help:
                return new InboundSmsOutcome(kind, SmsReplies.Help(sms.Clinic));
            default:
                return new InboundSmsOutcome(SmsKeywordKind.None, Reply: null);
        }
    }

    public async Task<ConsentStatus> SetPreferenceAsync(PreferenceChange change)
    {
        CheckPreference(change);
        var current = OptOutOf(change.Channel);
        if (change.OptedIn && change.Source is ConsentSource.Staff && current is ConsentSource.SmsKeyword or ConsentSource.Portal)
        {
            // Consent withdrawn by the client is given back only by the client (TCPA and CTIA practice).
            var how = current is ConsentSource.SmsKeyword ? "by text message; they can text START to opt back in" : "in the portal; they can opt back in there";
            throw new RuleViolation(ConsentRules.ClientOptOutStands, $"The client opted out of {change.Channel} {how}. Staff cannot opt them back in.");
        }

        await ApplyAsync(change.Channel, change.OptedIn, change.Source, keyword: null, change.StaffUserId);
        return Status();
    }

    public Task<bool> MaySendAsync(ConsentChannel channel) =>
        Enum.IsDefined(channel)
            ? Task.FromResult(OptOutOf(channel) is null)
            : Task.FromException<bool>(new ValidationException("channel", "must be SMS or email."));

    public Task<ConsentStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task<IReadOnlyList<ConsentChange>> GetLedgerAsync() => Task.FromResult<IReadOnlyList<ConsentChange>>([.. State.Ledger]);

    // Records a change only when it changes something: the channel's state, or who holds an opt-out (a STOP
    // over a staff opt-out makes it the client's own, which staff can then no longer undo).
    private async Task ApplyAsync(ConsentChannel channel, bool optedIn, ConsentSource source, string? keyword, string? staffUserId)
    {
        var current = OptOutOf(channel);
        ConsentSource? next = optedIn ? null : source;
        if (current == next)
        {
            return;
        }

        if (channel is ConsentChannel.Sms)
        {
            State.SmsOptOut = next;
        }
        else
        {
            State.EmailOptOut = next;
        }

        var change = new ConsentChange(channel, optedIn, source, keyword, staffUserId, timeProvider.GetUtcNow());
        State.Ledger.Add(change);
        await SaveAsync();
        PublishChange(change);
    }

    // The key is clinic-42/client/{id}/consent (GrainKeys.ClientConsent).
    private void PublishChange(ConsentChange change)
    {
        var key = this.GetPrimaryKeyString();
        var clientId = key.Split('/')[2];
        events?.Publish(new ClientConsentChanged(GrainKeys.ClinicIdOf(key), clientId, change, Status()));
    }

    private ConsentSource? OptOutOf(ConsentChannel channel) => channel is ConsentChannel.Sms ? State.SmsOptOut : State.EmailOptOut;

    private ConsentStatus Status() => new(State.SmsOptOut is null, State.EmailOptOut is null, State.SmsOptOut, State.EmailOptOut);

    private static void CheckClinic(ClinicContact? clinic)
    {
        if (clinic is null || string.IsNullOrWhiteSpace(clinic.Name) || string.IsNullOrWhiteSpace(clinic.Phone))
        {
            throw new ValidationException("clinic", "needs the clinic's name and phone for the automatic replies.");
        }
    }

    private static void CheckPreference(PreferenceChange? change)
    {
        var violations = new List<FieldViolation>();
        if (change is null)
        {
            throw new ValidationException("change", "is required.");
        }

        if (!Enum.IsDefined(change.Channel))
        {
            violations.Add(new FieldViolation("channel", "must be SMS or email."));
        }

        switch (change.Source)
        {
            case ConsentSource.Portal when change.StaffUserId is not null:
                violations.Add(new FieldViolation("staff_user_id", "must be empty for a client's own change."));
                break;
            case ConsentSource.Staff when !GrainKeys.IsValidId(change.StaffUserId):
                violations.Add(new FieldViolation("staff_user_id", "must name the staff member recording the change."));
                break;
            case ConsentSource.Portal or ConsentSource.Staff:
                break;
            default:
                violations.Add(new FieldViolation("source", "must be the portal or staff; keywords arrive as inbound SMS."));
                break;
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }

    private Task SaveAsync() => consent.WriteStateAsync();
}
