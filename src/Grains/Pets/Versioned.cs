namespace VetActors.Grains.Pets;

/// <summary>A record from the PIMS with the version it came with; a deleted one keeps its version as a tombstone.</summary>
internal sealed class Versioned<T>
    where T : class
{
    public long Version { get; set; }

    public T? Value { get; set; }
}
