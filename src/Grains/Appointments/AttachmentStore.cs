namespace VetActors.Grains.Appointments;

/// <summary>
/// Attachment contents, a state of their own so that the appointment's frequent small writes never rewrite
/// the files.
/// </summary>
internal sealed class AttachmentStore
{
    public Dictionary<string, byte[]> Contents { get; set; } = new(StringComparer.Ordinal);
}
