namespace VetActors.GrpcApi.Tests.Security;

/// <summary>Every kind of caller the authorization matrix tries, with a real credential of clinic A (or a bad one).</summary>
public enum MatrixCaller
{
    Anonymous,
    PortalClient,
    PracticeSession,
    SiteAdministrator,
    PracticeManager,
    StaffMember,
    PimsAgent,
    InternalService,
    ForgedToken,
    EndedSession,
}
