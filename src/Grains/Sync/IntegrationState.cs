namespace VetActors.Grains.Sync;

/// <summary>Where a clinic's PIMS integration stands.</summary>
public enum IntegrationState
{
    NotConnected = 0,
    Importing = 1,
    Live = 2,
    Stale = 3,
}
