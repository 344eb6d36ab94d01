-- When a worker started a job (its PROCESSING report) and when it reported the result or the failure:
-- the provider time that GET /api/v1/usage adds up. Null where that did not happen.
alter table jobs
    add column work_started_at timestamptz,
    add column work_ended_at   timestamptz;
