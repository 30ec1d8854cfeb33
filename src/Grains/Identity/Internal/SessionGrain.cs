using VetActors.Actors;
using VetActors.Grains.Common;

namespace VetActors.Grains.Identity.Internal;

internal sealed class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state, TimeProvider time) : Grain, ISessionGrain
{
    private string ClinicId => GrainKeys.ClinicIdOf(this.GetPrimaryKeyString());

    private string SessionId => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..];

    public async Task OpenAsync(SessionGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (state.RecordExists)
        {
            throw new AlreadyExistsException("session.exists", "A session with this id exists.");
        }

        state.State = new SessionState
        {
            SecretHash = grant.SecretHash,
            Kind = grant.Kind,
            SubjectId = grant.SubjectId,
            PracticeSessionId = grant.PracticeSessionId,
            OpenedAt = time.GetUtcNow(),
            ExpiresAt = grant.ExpiresAt,
        };
        await SaveAsync();
    }

    public async Task<SessionInfo?> ValidateAsync(string secret)
    {
        var s = state.State;
        if (!IsLive() || !Secrets.Matches(secret, s.SecretHash))
        {
            return null;
        }

        // A user session lives inside its practice session: ending the practice session ends it too, on every call.
        if (s.PracticeSessionId is { } parent &&
            !await GrainFactory.GetGrain<ISessionGrain>(GrainKeys.Child(ClinicId, "session", parent)).IsActiveAsync())
        {
            return null;
        }

        return new SessionInfo(ClinicId, SessionId, s.Kind, s.SubjectId, s.PracticeSessionId, s.ExpiresAt);
    }

    public Task<bool> IsActiveAsync() => Task.FromResult(IsLive());

    public async Task EndAsync()
    {
        if (!state.RecordExists || state.State.EndedAt is not null)
        {
            return;
        }

        state.State.EndedAt = time.GetUtcNow();
        await SaveAsync();
    }

    private bool IsLive() =>
        state.RecordExists && state.State.EndedAt is null && time.GetUtcNow() < state.State.ExpiresAt;

    private Task SaveAsync() => state.WriteStateAsync();
}
