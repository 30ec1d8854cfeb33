namespace VetActors.Grains.Sync;

/// <summary>Where a review item stands.</summary>
public enum ReviewStatus
{
    Open = 0,
    Approved = 1,
    Dismissed = 2,

    /// <summary>A newer PIMS version proposed another value before staff decided.</summary>
    Superseded = 3,
}
