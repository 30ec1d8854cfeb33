namespace VetActors.Actors.Postgres.Migrations;

internal sealed class M0002Reminders : PostgresMigration
{
    public override int Version => 2;

    public override string Description => "reminders and one-shot durable timers";

    // available_at is when a row can next be claimed: its due time, or later while a delivery holds its lease.
    // One index on it serves both the claim ("due rows of a service by due time") and the next-due probe.
    public override string Sql => """
        CREATE TABLE vetactors_reminders (
            service_id   text        NOT NULL,
            grain_type   text        NOT NULL,
            grain_key    text        NOT NULL,
            name         text        NOT NULL,
            first_due    timestamptz NOT NULL,
            tick_due     timestamptz NOT NULL,
            due_at       timestamptz NOT NULL,
            period       interval    NOT NULL,
            attempts     integer     NOT NULL DEFAULT 0,
            lease_owner  text,
            lease_until  timestamptz,
            version      bigint      NOT NULL,
            available_at timestamptz GENERATED ALWAYS AS (GREATEST(due_at, lease_until)) STORED,
            CONSTRAINT vetactors_reminders_pk PRIMARY KEY (service_id, grain_type, grain_key, name),
            CONSTRAINT vetactors_reminders_period_not_negative CHECK (period >= interval '0'),
            CONSTRAINT vetactors_reminders_lease_complete CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
        );
        CREATE INDEX vetactors_reminders_available ON vetactors_reminders (service_id, available_at);
        """;
}
