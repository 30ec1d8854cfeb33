namespace VetActors.Grains.Pets;

/// <summary>The stored photo of a pet (its own state row, so the pet's frequent small writes never rewrite it).</summary>
internal sealed class PetPhotoState
{
    public PetPhotoInfo? Info { get; set; }

    public byte[]? Content { get; set; }
}
