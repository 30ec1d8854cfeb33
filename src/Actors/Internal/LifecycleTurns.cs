namespace VetActors.Actors.Internal;

/// <summary>Creates the grain, loads its states and runs <see cref="Grain.OnActivateAsync"/>.</summary>
internal sealed class ActivateTurn : Turn
{
    internal override bool CountsAsActivity => true;

    internal override string Describe() => "activate";

    internal override Task Start(Activation activation) => activation.ActivateAsync();

    internal override void OnFinished(Task task)
    {
    }

    internal override void Reject(Exception exception)
    {
    }
}

/// <summary>Runs <see cref="Grain.OnDeactivateAsync"/> and stops the activation's timers.</summary>
internal sealed class DeactivateTurn(DeactivationReason reason) : Turn
{
    internal DeactivationReason Reason => reason;

    internal override bool CountsAsActivity => false;

    internal override string Describe() => "deactivate";

    internal override Task Start(Activation activation) => activation.DeactivateAsync(reason);

    internal override void OnFinished(Task task)
    {
    }

    internal override void Reject(Exception exception)
    {
    }
}
