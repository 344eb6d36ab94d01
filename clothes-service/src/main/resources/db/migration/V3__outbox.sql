-- Transactional outbox (see ai.vtry.common.outbox.OutboxRelay): the answer to a job's result
-- (job-results-applied) is written in the same transaction as the result's effect.
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
