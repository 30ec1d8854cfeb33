using System.Text.Json;

namespace VetActors.PimsAgent;

/// <summary>
/// What the agent remembers between runs, next to the export: which export it is sending (by content hash), the
/// sequence number of that export's first batch, and the last sequence it saw acknowledged. Written after each
/// ack, atomically (write then rename), so a crash leaves the old or the new file, never half of one.
/// </summary>
internal sealed record AgentState(string ExportHash, int BatchSize, long BaseSequence, long LastAcknowledged)
{
    public static AgentState? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return JsonSerializer.Deserialize<AgentState>(File.ReadAllText(path));
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this));
        File.Move(temporary, path, overwrite: true);
    }
}
