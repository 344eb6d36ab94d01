-- A workspace's webhook endpoints: where to send which job events, and the secret that signs them.
-- During a rotation the previous secret keeps signing too, until previous_secret_until.
create table webhook_endpoints (
    id                    text primary key,
    workspace_id          text        not null,
    url                   text        not null,
    description           text,
    events                text[]      not null,
    enabled               boolean     not null default true,
    disabled_reason       text,
    secret                text        not null,
    previous_secret       text,
    previous_secret_until timestamptz,
    -- Since when every attempt failed; null after a success. Five days of it disable the endpoint.
    failing_since         timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);
create index webhook_endpoints_workspace on webhook_endpoints (workspace_id, created_at);

-- One event for one endpoint: its payload, and where its attempts stand. Due attempts are claimed
-- with FOR UPDATE SKIP LOCKED, so several replicas share the work and never send one attempt twice.
create table webhook_deliveries (
    id               text primary key,
    endpoint_id      text        not null references webhook_endpoints (id) on delete cascade,
    workspace_id     text        not null,
    event_id         text        not null,
    event_type       text        not null,
    job_id           text,
    payload          text        not null,
    status           text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz not null,
    unique (endpoint_id, event_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc);
