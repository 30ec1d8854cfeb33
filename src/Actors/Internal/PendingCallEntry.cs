namespace VetActors.Actors.Internal;

/// <summary>A call's node in <see cref="PendingCalls"/>; guarded by its lock.</summary>
internal sealed class PendingCallEntry(GrainRequest request)
{
    internal GrainRequest Request { get; } = request;

    internal PendingCallEntry? Previous;
    internal PendingCallEntry? Next;
    internal long Deadline;
    internal bool IsTracked;
    internal long StartTimestamp;
}
