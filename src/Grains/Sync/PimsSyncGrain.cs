using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VetActors.Actors;
using VetActors.Actors.Reminders;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Sync.Internal;

namespace VetActors.Grains.Sync;

/// <summary>
/// A clinic's PIMS integration. Batches are applied one at a time (the grain's turns serialize them), each
/// acknowledged only after the clients, pets and this grain's own state are written.
/// </summary>
internal sealed partial class PimsSyncGrain(
    [PersistentState("sync")] IPersistentState<PimsSyncState> sync,
    [PersistentState("index")] IPersistentState<PimsSyncIndexState> index,
    IOptions<PimsSyncOptions> options,
    IServiceProvider services,
    TimeProvider time,
    ILogger<PimsSyncGrain> logger) : Grain, IPimsSyncGrain, IRemindable
{
    private const string StaleCheckReminder = "stale-check";
    private const int SessionsKept = 50;
    private const int AcksKept = 64;

    private readonly PimsSyncOptions _options = options.Value;

    // Without a notifier (a host that has no outbox), notifications stay queued in the state until one is there.
    private readonly IClinicNotifier? _notifier = services.GetService<IClinicNotifier>();
    private readonly ClientDirectory _directory = new();

    // Without a registry (a host that answers searches only through this grain), the snapshot stays here.
    private readonly ClientIndexRegistry? _registry = services.GetService<ClientIndexRegistry>();
    private ClientIndexRegistry.Slot? _indexSlot;
    private bool _staleCheckRegistered;

    private PimsSyncState State => sync.State;

    private PimsSyncIndexState Index => index.State;

    private string ClinicId => GrainKeys.ClinicIdOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _announcedState = CurrentStatus().State;
        ReplayIndexLog();
        foreach (var entry in Index.Clients.Values)
        {
            _directory.Upsert(entry);
        }

        PublishIndex();

        // Notifications and audit entries written but not handed over before a crash go out now.
        await DeliverOutgoingAsync(cancellationToken);
        await FlushAuditAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        WithdrawIndex();
        return Task.CompletedTask;
    }

    public async Task<SessionStart> ConnectAsync(AgentHello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        if (string.IsNullOrWhiteSpace(hello.AgentId))
        {
            throw new ValidationException("agent_id", "is required.");
        }

        var now = time.GetUtcNow();
        if (hello.LastAcknowledgedSequence > State.LastSequence)
        {
            // The agent saw acks this clinic no longer has (a restored database): only a full re-send is safe.
            State.ResyncRequested = true;
        }

        if (hello.FullImport)
        {
            if (!State.FullImportInProgress)
            {
                State.ImportClients = new(StringComparer.Ordinal);
                State.ImportStartedAt = now;
                State.Received = State.Applied = State.Held = State.Rejected = 0;
            }

            State.FullImportInProgress = true;
            State.ExpectedTotal = hello.TotalRecords ?? State.ExpectedTotal;
            State.ResyncRequested = false;
        }

        var session = new AgentSession(
            Guid.CreateVersion7(now).ToString("N"), hello.AgentId, hello.PimsKind, hello.PimsVersion, now, now, null, 0, State.LastSequence);
        State.Sessions.Insert(0, session);
        if (State.Sessions.Count > SessionsKept)
        {
            State.Sessions.RemoveRange(SessionsKept, State.Sessions.Count - SessionsKept);
        }

        Touch(now);
        await EnsureStaleCheckAsync();
        await SaveAsync();
        AnnounceStatus(batch: null);
        Log.AgentConnected(logger, ClinicId, hello.AgentId, hello.PimsKind, State.LastSequence);
        return new SessionStart(
            session.SessionId, State.LastSequence, State.ResyncRequested, _options.MaxUnacknowledgedBatches, _options.MaxRecordsPerBatch, _options.HeartbeatInterval);
    }

    public async Task<bool> HeartbeatAsync(string sessionId)
    {
        var now = time.GetUtcNow();
        UpdateSession(sessionId, s => s with { LastSeenAt = now });
        Touch(now);
        await SaveAsync();
        AnnounceStatus(batch: null);
        return State.ResyncRequested;
    }

    public async Task DisconnectAsync(string sessionId)
    {
        var now = time.GetUtcNow();
        UpdateSession(sessionId, s => s with { LastSeenAt = now, EndedAt = now });
        await SaveAsync();
    }

    public async Task RequestResyncAsync(string staffUserId)
    {
        RequireStaff(staffUserId);
        var before = State.ResyncRequested ? "full re-send already requested" : null;
        State.ResyncRequested = true;
        await SaveAsync(new AuditRecord(AuditActors.Staff(staffUserId), "sync.resync_requested", "sync", before, "full re-send requested at the agent's next hello or heartbeat"));
    }

    public Task<bool> IsResyncRequestedAsync() => Task.FromResult(State.ResyncRequested);

    public Task<IntegrationStatus> GetStatusAsync() => Task.FromResult(CurrentStatus());

    private IntegrationStatus CurrentStatus()
    {
        var state = State.Sessions.Count == 0 ? IntegrationState.NotConnected
            : State.Stale ? IntegrationState.Stale
            : State.FullImportInProgress || !State.InitialImportCompleted ? IntegrationState.Importing
            : IntegrationState.Live;
        var latest = State.Sessions.FirstOrDefault();
        return new IntegrationStatus(
            state, Progress(), State.LastSequence, State.InitialImportCompleted, State.FirstDataAt, State.LastActivityAt,
            latest?.AgentId, latest?.PimsKind, StaleAfter);
    }

    public Task<IReadOnlyList<AgentSession>> GetSessionsAsync() => Task.FromResult<IReadOnlyList<AgentSession>>((State.Sessions).ToArray());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != StaleCheckReminder)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (!State.Stale && State.LastActivityAt is { } last && now - last >= StaleAfter)
        {
            State.Stale = true;
            Queue(ClinicNotificationKind.IntegrationStale,
                "PIMS sync has stopped",
                $"VetActors has received nothing from your practice-management system since {last:u}. "
                + "Check that the sync agent is running on the clinic's server and can reach the internet.");
            Log.IntegrationStale(logger, ClinicId, last);
            await SaveAsync();
            AnnounceStatus(batch: null);
        }

        await DeliverOutgoingAsync(CancellationToken.None);
    }

    private ImportProgress Progress()
    {
        TimeSpan? remaining = null;
        if (State.FullImportInProgress && State.ExpectedTotal is { } total && State.ImportStartedAt is { } started && State.Received > 0)
        {
            var elapsed = time.GetUtcNow() - started;
            var left = Math.Max(0, total - State.Received);
            remaining = TimeSpan.FromTicks((long)(elapsed.Ticks * (double)left / State.Received));
        }

        return new ImportProgress(State.Received, State.Applied, State.Held, State.Rejected, State.ExpectedTotal, remaining);
    }

    private void Touch(DateTimeOffset now)
    {
        State.LastActivityAt = now;
        State.Stale = false;
    }

    private void UpdateSession(string sessionId, Func<AgentSession, AgentSession> change)
    {
        var i = State.Sessions.FindIndex(s => s.SessionId == sessionId);
        if (i < 0)
        {
            throw new NotFoundException("sync.session_not_found", $"Session {sessionId} is not open; say hello again.");
        }

        State.Sessions[i] = change(State.Sessions[i]);
    }

    /// <summary>The stale check is a durable reminder so that a silo restart cannot silence the alert.</summary>
    private async Task EnsureStaleCheckAsync()
    {
        if (_staleCheckRegistered)
        {
            return;
        }

        if (await GetReminder(StaleCheckReminder) is null)
        {
            await RegisterOrUpdateReminder(StaleCheckReminder, StaleCheckPeriod(), StaleCheckPeriod());
        }

        _staleCheckRegistered = true;
    }

    private void Queue(ClinicNotificationKind kind, string subject, string body) =>
        State.Outgoing.Add(new ClinicNotification(ClinicId, kind, subject, body, time.GetUtcNow()));

    /// <summary>Hands queued notifications to the outbox; one that fails stays queued for the next stale check.</summary>
    private async Task DeliverOutgoingAsync(CancellationToken cancellationToken)
    {
        if (State.Outgoing.Count == 0 || _notifier is null)
        {
            return;
        }

        var sent = 0;
        try
        {
            foreach (var notification in State.Outgoing)
            {
                await _notifier.SendAsync(notification, cancellationToken);
                sent++;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.NotificationFailed(logger, e, ClinicId);
        }

        if (sent > 0)
        {
            State.Outgoing.RemoveRange(0, sent);
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        await CheckpointIndexIfDueAsync();
        await sync.WriteStateAsync();

        // Only once durable, and before the call that made the change returns: its caller's next search sees it.
        PublishIndex();
    }
}
