namespace VetActors.Grains.Audit;

/// <summary>How actors are named in audit entries.</summary>
public static class AuditActors
{
    public const string InternalService = "internal-service";
    public const string Anonymous = "anonymous";

    /// <summary>A change the clinic's sync policy applied without review (the agent that sent it is in the sync grain's sessions).</summary>
    public const string PimsSync = "pims-sync";

    public static string Staff(string userId) => "staff:" + userId;

    public static string Practice(string practiceSessionId) => "practice-session:" + practiceSessionId;

    public static string Client(string clientId) => "client:" + clientId;

    public static string Agent(string agentId) => "pims-agent:" + agentId;
}
