namespace VetActors.Grains.Clinics.Internal;

internal sealed class ClinicDirectoryState
{
    /// <summary>Practice id, upper-cased (people type it, so it is case-insensitive), to clinic id.</summary>
    public Dictionary<string, string> PracticeIds { get; set; } = [];

    public List<string> Clinics { get; set; } = [];
}
