namespace VetActors.Grains.Clients;

/// <summary>The stored state of a client, with what a merge needs to be undone.</summary>
internal sealed class ClientState
{
    public bool Exists { get; set; }

    public string Source { get; set; } = "";

    public ClientDetails Details { get; set; } = new("", "", null, [], null);

    public string? PimsId { get; set; }

    public long? PimsVersion { get; set; }

    /// <summary>What the PIMS says now (including changes held for review), so a split copy can be rebuilt.</summary>
    public ClientDetails? PimsDetails { get; set; }

    public DateTimeOffset? DataAsOf { get; set; }

    public bool Deleted { get; set; }

    public List<string> PetIds { get; set; } = [];

    /// <summary>Pets that came with the PIMS client (they leave with it when a merge is undone).</summary>
    public List<string> PimsPetIds { get; set; } = [];

    /// <summary>Set when a PIMS client was merged into this one, which existed before.</summary>
    public string? MergedFromPims { get; set; }

    public ClientDetails? PreMergeDetails { get; set; }

    /// <summary>
    /// When the client merged into came from an earlier import under another PIMS id: that PIMS link, restored when
    /// the merge is undone.
    /// </summary>
    public PriorPimsLink? PreMergePims { get; set; }
}

/// <summary>A client's link to a PIMS record as it was before another PIMS record merged into it.</summary>
internal sealed record PriorPimsLink(string PimsId, long? PimsVersion, ClientDetails? PimsDetails, List<string> PimsPetIds);
