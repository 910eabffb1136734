#!/usr/bin/env python3
"""gen_fixture.py - write a native JSON history of CLIENTS clients and
INCIDENTS incidents in 2026-02 to stdout, for the fault tests.

usage: gen_fixture.py CLIENTS INCIDENTS [PREFIX]
PREFIX starts every id (two fixtures with different prefixes do not
overlap)."""
import json
import sys

clients, incidents = int(sys.argv[1]), int(sys.argv[2])
p = sys.argv[3] if len(sys.argv) > 3 else ""
services = [{"id": f"{p}svc-{i}", "name": f"Service {i}"} for i in range(4)]
doc = {
    "services": services,
    "clients": [{
        "id": f"{p}client-{c:03d}", "name": f"Client {c}",
        "timezone": ["UTC", "Europe/Paris", "America/New_York"][c % 3],
        "sla_target": 99.9, "credits": [{"below": 99.9, "credit": 10}],
        "services": [s["id"] for s in services]} for c in range(clients)],
    "incidents": [{
        "id": f"{p}inc-{k:05d}",
        "title": f"Incident {k}: a slow query held connections " + "x" * 40,
        "severity": f"sev{1 + k % 4}",
        "started_at": f"2026-02-{1 + k % 27:02d}T{k % 24:02d}:00:00Z",
        "resolved_at": f"2026-02-{1 + k % 27:02d}T{k % 24:02d}:45:00Z",
        "root_cause": "The pool ran dry. " * 4,
        "impacts": [{"service": services[k % 4]["id"],
                     "level": "partial_outage"}]} for k in range(incidents)],
    "maintenances": [],
}
json.dump(doc, sys.stdout, indent=1)
sys.stdout.write("\n")
