namespace VetActors.Actors.Internal;

/// <summary>A persistent state the activation loads before <see cref="Grain.OnActivateAsync"/>.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
