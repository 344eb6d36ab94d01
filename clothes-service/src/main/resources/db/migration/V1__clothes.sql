-- Clothes in a workspace's library.
create table clothes (
    id           text primary key,
    workspace_id text        not null,
    image_key    text        not null,
    source_url   text,
    -- A cloth is made by exactly one finished job (clothes-upload or clothes-extract): the job id makes
    -- applying the job's result idempotent beyond the event id, and tells where a cloth came from.
    job_id       text,
    created_at   timestamptz not null
);
create index clothes_by_workspace on clothes (workspace_id, created_at desc, id desc);
create unique index clothes_by_job on clothes (job_id) where job_id is not null;
