using VetActors.Grains.Identity.Internal;

namespace VetActors.Grains.Clinics.Internal;

internal sealed class ClinicState
{
    public ClinicProfile? Profile { get; set; }

    public string? PracticePasswordHash { get; set; }

    public LockoutCounter PracticeLockout { get; set; } = new();

    public List<AgentKeyState> AgentKeys { get; set; } = [];

    public int NextAgentNumber { get; set; } = 1;
}

internal sealed class AgentKeyState
{
    public string AgentId { get; set; } = string.Empty;

    public string KeyId { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;

    public string SecretHash { get; set; } = string.Empty;

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
