namespace VetActors.Actors.Postgres.Migrations;

internal sealed class M0001GrainState : PostgresMigration
{
    public override int Version => 1;

    public override string Description => "grain state table";

    // A real primary key on readable columns (no hashes): a row per state, never duplicated; the version is the ETag.
    public override string Sql => """
        CREATE TABLE vetactors_grain_state (
            service_id  text        NOT NULL,
            grain_type  text        NOT NULL,
            grain_key   text        NOT NULL,
            state_name  text        NOT NULL,
            payload     jsonb,
            version     bigint      NOT NULL,
            modified_at timestamptz NOT NULL,
            CONSTRAINT vetactors_grain_state_pk PRIMARY KEY (service_id, grain_type, grain_key, state_name),
            CONSTRAINT vetactors_grain_state_version_positive CHECK (version > 0)
        );
        """;
}
