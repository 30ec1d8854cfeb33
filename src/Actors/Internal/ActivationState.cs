namespace VetActors.Actors.Internal;

internal enum ActivationState
{
    Created,
    Activating,
    Active,
    Deactivating,
    Deactivated,
}
