-- Transactional outbox (see ai.vtry.common.outbox.OutboxRelay): a row written in the same transaction
-- as the state change it announces; the relay sends it to Kafka, as part of the trace of the span that
-- wrote it (traceparent and tracestate, W3C; null outside any span).
--
-- db/shared holds the tables every service with an outbox shares; each service lists it in
-- quarkus.flyway.locations next to its own db/migration. Shared versions are 0.x, a service's own
-- are 1, 2, 3...; out-of-order is on so a later 0.x still applies to a database that has them.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    msg_key     text        not null,
    payload     jsonb       not null,
    traceparent text,
    tracestate  text,
    created_at  timestamptz not null default now()
);
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end $$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();
