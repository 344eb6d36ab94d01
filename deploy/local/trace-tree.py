#!/usr/bin/env python3
"""Prints one trace as a tree, from the span lines that VTRY_OTEL_LOG_SPANS=true writes.

    python3 deploy/local/trace-tree.py TRACE_ID [LOG ...]     (default: .vtry/logs/*.log)

One line per span: its start after the trace's first span, its duration, then indented by depth
the service, kind, name and the attributes the line carried. docs/trace-of-a-generation.md shows
an example; docs/operations.md ("Logs and traces") describes the lines.
"""
import glob
import re
import sys
from datetime import datetime

FIELD = re.compile(r'(\S+?)=("(?:[^"\\]|\\.)*"|\S*)')
SHOWN = ["path", "peer", "http.route", "http.status", "messaging.destination", "jobId", "error"]


def spans_of(trace, logs):
    spans = {}
    for path in logs:
        with open(path, errors="replace") as log:
            for line in log:
                at = line.find(" span traceId=" + trace + " ")
                if at >= 0:
                    fields = {k: v[1:-1] if v.startswith('"') else v for k, v in FIELD.findall(line[at + 6:])}
                    spans[fields["spanId"]] = fields
    return spans


def main(trace, logs):
    spans = spans_of(trace, logs)
    if not spans:
        sys.exit(f"no span lines of trace {trace} in {' '.join(logs)}")
    start = {s: datetime.strptime(f["start"], "%Y-%m-%dT%H:%M:%S.%fZ") for s, f in spans.items()}
    children = {}
    for span_id, fields in spans.items():
        children.setdefault(fields["parentSpanId"], []).append(span_id)
    t0 = min(start.values())

    def show(span_id, depth):
        f = spans[span_id]
        shown = [f"{k}={f[k]}" for k in SHOWN if k in f and not (k == "http.route" and f["kind"] != "SERVER")]
        status = "" if f["status"] == "UNSET" else f"  status={f['status']}"
        print(f"+{(start[span_id] - t0).total_seconds() * 1000:6.0f} ms {f['durationMs']:>7} ms  {'  ' * depth}"
              f"{f['service']:<18} {f['kind']:<8} {f['name']}" + (f"  [{' '.join(shown)}]" if shown else "") + status)
        for child in sorted(children.get(span_id, []), key=start.get):
            show(child, depth + 1)

    roots = [s for s, f in spans.items() if f["parentSpanId"] not in spans]
    for root in sorted(roots, key=start.get):
        if spans[root]["parentSpanId"] != "-":
            print(f"(the parent {spans[root]['parentSpanId']} of the next span is not in these logs)")
        show(root, 0)
    print(f"{len(spans)} spans, {len(roots)} root(s)", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:] or sorted(glob.glob(".vtry/logs/*.log")))
