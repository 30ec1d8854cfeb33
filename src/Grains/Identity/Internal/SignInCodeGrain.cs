using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Outbox;

namespace VetActors.Grains.Identity.Internal;

internal sealed class SignInCodeGrain(
    [PersistentState("code")] IPersistentState<SignInCodeState> state, TimeProvider time, IOptions<IdentityOptions> options, IOutbox outbox)
    : Grain, ISignInCodeGrain
{
    private string ClinicId => GrainKeys.ClinicIdOf(this.GetPrimaryKeyString());

    private string ClientId => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..];

    public async Task SendCodeAsync(ClientContact contact, bool bySms)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var now = time.GetUtcNow();
        state.State.SentAt.RemoveAll(t => t <= now - TimeSpan.FromHours(1));
        var to = bySms ? contact.MobilePhone : contact.Email;
        if (string.IsNullOrWhiteSpace(to) || state.State.SentAt.Count >= options.Value.SignInCodesPerHour)
        {
            return;
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        state.State.CodeHash = Secrets.Hash(ClientId + ":" + code);
        state.State.ExpiresAt = now + options.Value.SignInCodeLifetime;
        state.State.AttemptsLeft = options.Value.SignInCodeAttempts;
        state.State.SentAt.Add(now);
        await state.WriteStateAsync();

        var clinic = await GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic(ClinicId)).GetProfileAsync();
        var minutes = (int)options.Value.SignInCodeLifetime.TotalMinutes;
        var body = bySms
            ? $"{code} is your {clinic.Name} sign-in code. It expires in {minutes} minutes."
            : $"Your {clinic.Name} sign-in code is {code}.\n\nIt expires in {minutes} minutes. If you did not ask for it, ignore this message.\n";
        await outbox.EnqueueAsync(new OutgoingMessage(ClinicId, bySms ? MessageChannel.Sms : MessageChannel.Email, to, $"Your {clinic.Name} sign-in code", body));
    }

    public async Task<IssuedCredential> VerifyAsync(string code)
    {
        var now = time.GetUtcNow();
        var s = state.State;
        if (s.CodeHash is null || now >= s.ExpiresAt || s.AttemptsLeft <= 0)
        {
            throw new AuthenticationFailedException();
        }

        if (!Secrets.Matches(ClientId + ":" + (code ?? string.Empty), s.CodeHash))
        {
            s.AttemptsLeft--;
            if (s.AttemptsLeft == 0)
            {
                s.CodeHash = null;
            }

            await state.WriteStateAsync();
            await AuditLog.For(GrainFactory, ClinicId).AppendAsync(new AuditRecord(AuditActors.Anonymous, "client.sign_in_failed", ClientId));
            throw new AuthenticationFailedException();
        }

        s.CodeHash = null;
        await state.WriteStateAsync();
        var session = await Sessions.OpenAsync(
            GrainFactory, ClinicId, SessionKind.PortalClient, ClientId, null, now + options.Value.PortalSessionLifetime);
        await AuditLog.For(GrainFactory, ClinicId).AppendAsync(new AuditRecord(AuditActors.Client(ClientId), "client.signed_in", ClientId));
        return session;
    }
}
