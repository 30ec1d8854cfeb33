namespace VetActors.Actors.Internal;

/// <summary>The parts of an activation that most idle activations never need, allocated on first use.</summary>
internal sealed class ActivationExtras
{
    internal List<IStateLoader>? States;
    internal List<GrainTimer>? Timers;
    internal DeactivationReason? PendingDeactivation;
    internal long KeepAliveUntil;
    internal int KeepAliveTimers;

    /// <summary>Created only when someone waits for the deactivation (a graceful stop).</summary>
    internal TaskCompletionSource? Deactivated;
}
