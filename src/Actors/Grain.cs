using VetActors.Actors.Internal;

namespace VetActors.Actors;

/// <summary>
/// Base class of grains (Orleans' <c>Grain</c>). The runtime constructs it, with services from dependency
/// injection and <see cref="IPersistentState{TState}"/> parameters marked <see cref="PersistentStateAttribute"/>,
/// loads its states, then calls <see cref="OnActivateAsync"/> before the first request.
/// </summary>
public abstract partial class Grain : IAddressable
{
    private readonly Activation _activation;

    protected Grain()
    {
        _activation = Activation.t_constructing
            ?? throw new InvalidOperationException("Grains are created by the actor runtime; get one with IGrainFactory.GetGrain.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>A readable identity for logs (<c>pet/clinic-42/pet/1733</c>).</summary>
    public string IdentityString => _activation.GrainId.ToString();

    /// <summary>A factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => _activation.Runtime.GrainFactory;

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => _activation.Runtime.Services;

    internal Activation Activation => _activation;

    /// <summary>Runs after the states are loaded and before the first request; a throw fails the activation and the call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs when the activation is deactivated (idle, requested, stopping). Best effort: a crash skips it, so
    /// never keep the only copy of important state for this moment.
    /// </summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request has finished.</summary>
    protected void DeactivateOnIdle() =>
        _activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>
    /// Keeps the activation from idle collection for at least <paramref name="timeSpan"/>;
    /// <see cref="TimeSpan.Zero"/> cancels, <see cref="Timeout.InfiniteTimeSpan"/> keeps it until the silo stops.
    /// </summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => _activation.DelayDeactivation(timeSpan);
}
