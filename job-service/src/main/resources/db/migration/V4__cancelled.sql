-- A client may cancel a job that is not final yet (POST /api/v1/jobs/{id}/cancel).
alter table jobs drop constraint jobs_status_check;
alter table jobs add constraint jobs_status_check
    check (status in ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'));
