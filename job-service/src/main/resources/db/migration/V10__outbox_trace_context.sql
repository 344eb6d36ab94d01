-- The trace context (W3C traceparent and tracestate) of the span that wrote an outbox row: the
-- relay sends the row's record as part of that trace (see ai.vtry.common.outbox.OutboxRelay).
-- Null for rows written outside any span, and for rows written before this column existed.
alter table outbox
    add column traceparent text,
    add column tracestate  text;
