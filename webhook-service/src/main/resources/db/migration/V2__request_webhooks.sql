-- webhookUrl on a job-creating request: its job's final event goes there too, signed with the
-- workspace's request secret. Each such URL is an endpoint of its own, hidden from the endpoints API
-- (per_request), so deliveries, retries and the log work as for any endpoint.
alter table webhook_endpoints add column per_request boolean not null default false;
create unique index webhook_endpoints_request_url on webhook_endpoints (workspace_id, url) where per_request;

-- The secret that signs a workspace's per-request webhooks; shown when it is made (POST
-- /api/v1/webhooks/request-secret, which also rotates it), never again.
create table workspace_request_secrets (
    workspace_id          text primary key,
    secret                text        not null,
    previous_secret       text,
    previous_secret_until timestamptz,
    created_at            timestamptz not null
);
