namespace VetActors.Actors;

/// <summary>The reason passed to <see cref="Grain.OnDeactivateAsync"/>; informational.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description, Exception? Exception = null)
{
    public override string ToString() => Exception is null ? $"{ReasonCode}: {Description}" : $"{ReasonCode}: {Description} ({Exception.GetType().Name})";
}
