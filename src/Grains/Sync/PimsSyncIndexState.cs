namespace VetActors.Grains.Sync;

/// <summary>The sync grain's index (large; written when a batch changed it): clients, and PIMS ids to grain ids.</summary>
internal sealed class PimsSyncIndexState
{
    public Dictionary<string, ClientIndexEntry> Clients { get; set; } = [];

    public Dictionary<string, string> PimsClients { get; set; } = [];

    public Dictionary<string, PatientLink> PimsPatients { get; set; } = [];
}

/// <summary>Where a PIMS patient lives: its pet id and its owner's client id.</summary>
internal sealed record PatientLink(string PetId, string ClientId);
