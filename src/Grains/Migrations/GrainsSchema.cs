namespace VetActors.Grains.Migrations;

/// <summary>
/// The domain's own tables (beside the actor runtime's): each migration is one <c>M000N{Name}</c> class in this
/// folder, numbered on from the highest existing one, applied by the silo at start-up in scope <see cref="Scope"/>.
/// </summary>
public static class GrainsSchema
{
    public const string Scope = "grains";
}
