-- Clothes in a workspace's library. The endpoints arrive with the clothes issue; the table is here so
-- the service owns its schema from the start.
create table clothes (
    id           text primary key,
    workspace_id text        not null,
    image_key    text        not null,
    source_url   text,
    created_at   timestamptz not null
);
create index clothes_by_workspace on clothes (workspace_id, created_at desc, id desc);

-- Idempotent consumers (see ai.vtry.common.outbox.ProcessedEvents).
create table processed_events (
    event_id     uuid primary key,
    processed_at timestamptz not null default now()
);
