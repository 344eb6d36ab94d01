-- Idempotent consumers (see ai.vtry.common.outbox.ProcessedEvents): the ids of the events a service
-- has already applied, written in the same transaction as their effect.
create table processed_events (
    event_id     uuid primary key,
    processed_at timestamptz not null default now()
);
