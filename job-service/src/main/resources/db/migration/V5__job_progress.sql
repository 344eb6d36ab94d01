-- What the image provider says about a PROCESSING job (queued at the provider and where, or running),
-- shown as the job's progress; a change of it is announced like a change of status.
alter table jobs add column progress jsonb;

drop trigger job_changed on jobs;
create trigger job_changed after update of status, progress on jobs
    for each row when (old.status is distinct from new.status or old.progress is distinct from new.progress)
    execute function notify_job_changed();
