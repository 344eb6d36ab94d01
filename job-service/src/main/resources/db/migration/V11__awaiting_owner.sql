-- A job whose result another service applies (a composite, a cloth) keeps it here, still PROCESSING,
-- until that service answers on job-results-applied; only then is it COMPLETED (docs/events.md).
alter table jobs add column awaiting_owner text;
