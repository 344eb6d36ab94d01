-- Jobs their client cancelled (job-completed with CANCELLED): a worker that has not finished one drops
-- it, before it calls the provider and before it stores a result.
create table cancelled_jobs (
    job_id       text primary key,
    cancelled_at timestamptz not null default now()
);
