-- A cloth is made by exactly one finished job (clothes-upload or clothes-extract): the job id makes
-- the job-completed consumer idempotent beyond the event id, and tells where a cloth came from.
alter table clothes add column job_id text;
create unique index clothes_by_job on clothes (job_id) where job_id is not null;
