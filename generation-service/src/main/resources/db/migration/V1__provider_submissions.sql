-- A remote provider's request, stored as soon as it is submitted: a worker that restarts (or gets the
-- request redelivered) follows the same provider request instead of submitting, and paying, twice.
create table provider_submissions (
    job_id       text primary key,
    provider     text        not null,
    handle       jsonb       not null,
    submitted_at timestamptz not null default now()
);
