namespace VetActors.Actors;

/// <summary>Why an activation is being deactivated (Orleans' codes, of which this runtime uses a subset).</summary>
public enum DeactivationReasonCode
{
    None,
    ShuttingDown,
    ActivationFailed,
    ActivationIdle,
    ApplicationError,
    ApplicationRequested,
    RuntimeRequested,
}
