-- generation-service keeps no business rows yet: only what its workers need to be exactly-once towards job-service.

-- Transactional outbox (see ai.vtry.common.outbox.OutboxRelay).
create table outbox (
    id         bigserial primary key,
    topic      text        not null,
    msg_key    text        not null,
    payload    jsonb       not null,
    created_at timestamptz not null default now()
);
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end $$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();

-- Idempotent consumers (see ai.vtry.common.outbox.ProcessedEvents).
create table processed_events (
    event_id     uuid primary key,
    processed_at timestamptz not null default now()
);
