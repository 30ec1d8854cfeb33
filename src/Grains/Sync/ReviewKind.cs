namespace VetActors.Grains.Sync;

/// <summary>What a review item asks staff to decide.</summary>
public enum ReviewKind
{
    ClientName = 1,
    ClientAddress = 2,
    ClientPhone = 3,
    PetName = 4,

    /// <summary>A PIMS client matches more than one existing client: staff pick one, or none.</summary>
    AmbiguousMatch = 5,
}
