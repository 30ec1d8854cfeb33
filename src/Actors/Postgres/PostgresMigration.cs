namespace VetActors.Actors.Postgres;

/// <summary>
/// One step of a schema's history. Each migration is its own class in a project's <c>Migrations</c> folder,
/// found by <see cref="PostgresSchema.Discover"/>: adding a table is adding one file. Applied steps are recorded
/// in <c>vetactors_schema_migrations</c> with a checksum; an applied step must never be edited, only followed.
/// </summary>
public abstract class PostgresMigration
{
    /// <summary>The step's number, unique and increasing within its scope.</summary>
    public abstract int Version { get; }

    /// <summary>A short description, recorded with the step.</summary>
    public abstract string Description { get; }

    /// <summary>The SQL applied, in the same transaction as the record of it.</summary>
    public abstract string Sql { get; }
}
