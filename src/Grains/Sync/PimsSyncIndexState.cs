namespace VetActors.Grains.Sync;

/// <summary>The sync grain's index (large; written when a batch changed it): clients, and PIMS ids to grain ids.</summary>
internal sealed class PimsSyncIndexState
{
    public Dictionary<string, ClientIndexEntry> Clients { get; set; } = [];

    public Dictionary<string, string> PimsClients { get; set; } = [];

    public Dictionary<string, PatientLink> PimsPatients { get; set; } = [];
}

/// <summary>
/// Where a PIMS patient lives: its pet id, its owner's client id, and whether the pet is deleted (then it is in no
/// client's list). It mirrors what the pet grain decided, so a record the pet ignored as older changes nothing here.
/// </summary>
internal sealed record PatientLink(string PetId, string ClientId, bool Deleted = false);
