using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// A clinic's PIMS integration (<c>clinic-42/sync</c>): agent sessions, the batch sequence, the auto-apply policy,
/// the client index used for merges and staff search, the review queue and the integration status.
/// </summary>
public interface IPimsSyncGrain : IGrainWithStringKey
{
    /// <summary>Opens a session for an agent's hello; the answer says where to resume.</summary>
    Task<SessionStart> ConnectAsync(AgentHello hello);

    /// <summary>Applies a batch and returns its ack once every effect is durable; a batch seen before is acked again, not re-applied.</summary>
    Task<BatchAck> ApplyBatchAsync(string sessionId, SyncBatch batch);

    /// <summary>Records that the agent is alive; returns whether the server wants a full re-send.</summary>
    Task<bool> HeartbeatAsync(string sessionId);

    /// <summary>Closes a session (the stream ended).</summary>
    Task DisconnectAsync(string sessionId);

    /// <summary>
    /// Asks the agent to re-send everything: an open stream says so with its next ack or heartbeat (at the latest
    /// one heartbeat interval later), otherwise the next hello's welcome does.
    /// </summary>
    Task RequestResyncAsync(string staffUserId);

    /// <summary>Whether a full re-send is wanted and no full import has started since (an open stream asks when idle).</summary>
    [ReadOnly]
    Task<bool> IsResyncRequestedAsync();

    [ReadOnly]
    Task<IntegrationStatus> GetStatusAsync();

    /// <summary>The agent's sessions, latest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<AgentSession>> GetSessionsAsync();

    /// <summary>Clients matching a name, phone, email or PIMS id (every word must match).</summary>
    [ReadOnly]
    Task<ClientSearchResult> SearchClientsAsync(string query, int limit);

    /// <summary>
    /// Clients (deleted ones excluded) whose email, or one of whose phones, is exactly <paramref name="emailOrPhone"/>
    /// once normalized: an email when it holds an '@', otherwise a phone compared on its digits.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<ClientIndexEntry>> FindClientsByContactAsync(string emailOrPhone);

    /// <summary>Adds or refreshes a client created outside the PIMS, so imports can merge with it and staff can find it.</summary>
    Task IndexClientAsync(ClientIndexEntry entry);

    [ReadOnly]
    Task<IReadOnlyList<ReviewItem>> GetReviewQueueAsync(bool includeResolved);

    /// <summary>
    /// Applies a held change. For an ambiguous match, <paramref name="chosenClientId"/> names the existing client
    /// to merge into (one of the candidates), or is <c>null</c> to keep the PIMS client separate.
    /// </summary>
    Task<ReviewItem> ApproveAsync(string itemId, string staffUserId, string? chosenClientId);

    /// <summary>Drops a held change; the current value stays.</summary>
    Task<ReviewItem> DismissAsync(string itemId, string staffUserId, string? note);

    [ReadOnly]
    Task<IReadOnlyList<MergeRecord>> GetMergesAsync();

    /// <summary>Splits a merged PIMS client back off into a client of its own, with its pets.</summary>
    Task<MergeRecord> UndoMergeAsync(string mergeId, string staffUserId);

    /// <summary>Records the sync refused, latest first, with their raw form.</summary>
    [ReadOnly]
    Task<IReadOnlyList<RejectedRecord>> GetRejectedAsync();

    /// <summary>Records held until the client or patient they belong to arrives, oldest first, with their reason and raw form.</summary>
    [ReadOnly]
    Task<IReadOnlyList<HeldRecord>> GetHeldAsync();

    [ReadOnly]
    Task<SyncPolicy> GetPolicyAsync();

    /// <summary>Sets which identity changes apply without review (a Site Administrator's decision; the caller checks the role).</summary>
    Task<SyncPolicy> SetPolicyAsync(SyncPolicy policy, string staffUserId);

    /// <summary>
    /// Sets how long without a heartbeat or batch makes this clinic's integration stale (1 minute to 7 days), or with
    /// <c>null</c> returns it to the configured default; returns the time now in force. A Site Administrator's decision.
    /// </summary>
    Task<TimeSpan> SetStaleAfterAsync(TimeSpan? staleAfter, string staffUserId);
}
