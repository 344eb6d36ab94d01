-- Jobs: every piece of slow work a caller asked for, and its result.
create table jobs (
    id           text primary key,
    workspace_id text        not null,
    user_id      text        not null,
    kind         text        not null,
    status       text        not null check (status in ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED')),
    model        text,
    prompt       text,
    parameters   jsonb       not null default '{}',
    source_url   text,
    image_keys   text[]      not null default '{}',
    error        jsonb,
    response     jsonb       not null default '{}',
    deadline     timestamptz not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
-- History pages: newest first within a workspace.
create index jobs_history on jobs (workspace_id, created_at desc, id desc);

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
