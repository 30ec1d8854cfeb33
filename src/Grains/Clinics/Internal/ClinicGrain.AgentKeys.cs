using System.Globalization;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Identity.Internal;

namespace VetActors.Grains.Clinics.Internal;

internal sealed partial class ClinicGrain
{
    public async Task<IssuedCredential> IssueAgentKeyAsync(string label)
    {
        _ = Profile;
        new Checks().Required("label", label, 100).ThrowIfAny();
        var agentId = "agent-" + state.State.NextAgentNumber.ToString(CultureInfo.InvariantCulture);
        state.State.NextAgentNumber++;
        var (key, issued) = NewKey(agentId, label);
        state.State.AgentKeys.Add(key);
        await SaveAsync(new AuditRecord(AuditActors.InternalService, "agent_key.issued", agentId, After: $"key {key.KeyId} ({label})"));
        return issued;
    }

    public Task<IReadOnlyList<AgentKeyInfo>> ListAgentKeysAsync() => Completed.From<IReadOnlyList<AgentKeyInfo>>(() =>
    {
        _ = Profile;
        return state.State.AgentKeys.Select(k => new AgentKeyInfo(k.AgentId, k.KeyId, k.Label, k.IssuedAt, k.RevokedAt)).ToArray();
    });

    public async Task<IssuedCredential> RotateAgentKeyAsync(string keyId)
    {
        var old = LiveKey(keyId);
        old.RevokedAt = time.GetUtcNow();
        var (key, issued) = NewKey(old.AgentId, old.Label);
        state.State.AgentKeys.Add(key);
        await SaveAsync(new AuditRecord(AuditActors.InternalService, "agent_key.rotated", old.AgentId, Before: $"key {old.KeyId}", After: $"key {key.KeyId}"));
        return issued;
    }

    public async Task RevokeAgentKeyAsync(string keyId)
    {
        var key = LiveKey(keyId);
        key.RevokedAt = time.GetUtcNow();
        await SaveAsync(new AuditRecord(AuditActors.InternalService, "agent_key.revoked", key.AgentId, Before: $"key {key.KeyId}"));
    }

    public Task<string?> ValidateAgentKeyAsync(string keyId, string secret)
    {
        var key = state.State.AgentKeys.Find(k => k.KeyId == keyId && k.RevokedAt is null);
        return Task.FromResult(key is not null && Secrets.Matches(secret, key.SecretHash) ? key.AgentId : null);
    }

    private AgentKeyState LiveKey(string keyId)
    {
        _ = Profile;
        var key = state.State.AgentKeys.Find(k => k.KeyId == keyId);
        if (key is null)
        {
            throw new NotFoundException("agent_key.not_found", $"API key '{keyId}' does not exist.");
        }

        if (key.RevokedAt is not null)
        {
            throw new RuleViolation("agent_key.revoked", $"API key '{keyId}' is revoked already.");
        }

        return key;
    }

    private (AgentKeyState Key, IssuedCredential Issued) NewKey(string agentId, string label)
    {
        var keyId = Secrets.NewId();
        var secret = Secrets.NewSecret();
        var key = new AgentKeyState
        {
            AgentId = agentId,
            KeyId = keyId,
            Label = label,
            SecretHash = Secrets.Hash(secret),
            IssuedAt = time.GetUtcNow(),
        };
        return (key, new IssuedCredential(BearerToken.Format(BearerToken.AgentKeyKind, ClinicId, keyId, secret), keyId, null));
    }
}
