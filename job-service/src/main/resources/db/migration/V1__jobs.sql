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
    -- A job whose result another service applies (a composite, a cloth) keeps it here, still PROCESSING,
    -- until that service answers on job-results-applied; only then is it COMPLETED (docs/events.md).
    awaiting_owner text,
    deadline     timestamptz not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
-- History pages: newest first within a workspace.
create index jobs_history on jobs (workspace_id, created_at desc, id desc);

