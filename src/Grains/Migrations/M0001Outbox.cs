using VetActors.Actors.Postgres;

namespace VetActors.Grains.Migrations;

internal sealed class M0001Outbox : PostgresMigration
{
    public override int Version => 1;

    public override string Description => "outbox of email and SMS with delivery status";

    // next_attempt_at doubles as the claim lease: a claimed row is pushed forward, so a dispatcher that dies while
    // delivering leaves it to be claimed again later. The partial index holds only what is still to deliver.
    public override string Sql => """
        CREATE TABLE vetactors_outbox (
            id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            clinic_id       text        NOT NULL,
            channel         smallint    NOT NULL,
            recipient       text        NOT NULL,
            subject         text        NOT NULL,
            body            text        NOT NULL,
            status          smallint    NOT NULL DEFAULT 1,
            attempts        integer     NOT NULL DEFAULT 0,
            created_at      timestamptz NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            sent_at         timestamptz,
            last_error      text,
            CONSTRAINT vetactors_outbox_channel CHECK (channel IN (1, 2)),
            CONSTRAINT vetactors_outbox_status CHECK (status IN (1, 2, 3))
        );
        CREATE INDEX vetactors_outbox_due ON vetactors_outbox (next_attempt_at) WHERE status = 1;
        """;
}
