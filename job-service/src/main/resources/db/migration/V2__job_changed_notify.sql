-- Every change of a job's status is announced on the channel job_changed (payload: the job id), at
-- commit, to every job-service replica: what wakes the long polls (?wait=) and event streams that follow
-- the job (service.JobChanges), whichever replica applied the change.
create function notify_job_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('job_changed', new.id);
    return null;
end $$;
create trigger job_changed after update of status on jobs
    for each row when (old.status is distinct from new.status) execute function notify_job_changed();
