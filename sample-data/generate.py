#!/usr/bin/env python3
"""Generate the bundled sample history of a fictional MSP, Northwind
Managed Services: services and clients (portfolio.json), incidents
(incidents.ndjson) and maintenance windows (maintenances.csv).

The output is deterministic (fixed seed); run it again after changing it:
    python3 sample-data/generate.py
"""
import csv
import json
import os
import random
from datetime import datetime, timedelta, timezone

rng = random.Random(20261124)
HERE = os.path.dirname(os.path.abspath(__file__))
UTC = timezone.utc

SERVICES = [
    ("api", "Public API"), ("web", "Customer portal"),
    ("db", "Managed PostgreSQL"), ("email", "Hosted email"),
    ("vpn", "Remote-access VPN"), ("backup", "Backup and restore"),
]

CLIENTS = [
    {"id": "acme", "name": "Acme Logistics", "timezone": "America/New_York",
     "sla_target": 99.9, "credits": [{"below": 99.9, "credit": 10},
                                     {"below": 99.0, "credit": 25}],
     "services": ["api", "web", {"id": "db", "sla_target": 99.95}]},
    {"id": "zurich", "name": "Zürich Ærø Services",
     "timezone": "Europe/Zurich", "sla_target": 99.95, "notice_days": 21,
     "service_hours": ["mon-fri 07:00-19:00"],
     "holidays": ["2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03",
                  "2026-04-06", "2026-05-14", "2026-05-25", "2026-08-01"],
     "credits": [{"below": 99.95, "credit": 5}, {"below": 99.5, "credit": 15}],
     "services": ["email", "vpn", "backup"]},
    {"id": "tokyo", "name": "東京データ株式会社", "timezone": "Asia/Tokyo",
     "sla_target": 99.9, "update_interval_minutes": 30,
     "services": ["api", "db", "backup"]},
    {"id": "mumbai", "name": "Sahyadri Health", "timezone": "Asia/Kolkata",
     "sla_target": 99.5, "partial_weight": 0.5, "degraded_weight": 0.1,
     "services": ["web", "email", "vpn"]},
    {"id": "berlin", "name": "Nordlicht Versand GmbH",
     "timezone": "Europe/Berlin", "sla_target": 99.9,
     "credits": [{"below": 99.9, "credit": 10}],
     "services": ["api", "web", "email"]},
    {"id": "sydney", "name": "Harbour Legal Partners",
     "timezone": "Australia/Sydney", "sla_target": 99.8,
     "service_hours": ["mon-fri 08:00-20:00", "sat 09:00-13:00"],
     "services": ["email", "vpn", "backup", "web"]},
    {"id": "auckland", "name": "Kōwhai Outdoor Ltd",
     "timezone": "Pacific/Auckland", "sla_target": 99.9,
     "services": ["web", "db"]},
    {"id": "saopaulo", "name": "Verde Agro S.A.",
     "timezone": "America/Sao_Paulo", "sla_target": 99.9,
     "services": [{"id": "api", "from": "2026-03-01"},
                  {"id": "db", "from": "2026-03-01"}, "email"]},
]

CAUSES = [
    ("Database connection pool exhausted",
     "A slow query held connections until the pool ran dry.",
     "Killed the runaway query and raised the pool limit.",
     "Add a statement timeout for reporting queries"),
    ("Expired TLS certificate",
     "The certificate on the load balancer expired; renewal had failed "
     "silently because the DNS challenge record was missing.",
     "Issued a new certificate and restored the DNS record.",
     "Alert 14 days before any certificate expires"),
    ("Upstream network provider outage",
     "Our transit provider lost a core router in the Frankfurt region.",
     "Traffic was rerouted through the secondary provider.",
     "Review BGP failover timers with the provider"),
    ("Storage volume full",
     "Log rotation stopped after an agent update and the volume filled.",
     "Freed space and restored log rotation.",
     "Monitor free space on every volume at 80 %"),
    ("Faulty deployment",
     "A configuration change disabled a required feature flag.",
     "Rolled back the deployment.",
     "Add a canary stage to the deployment pipeline"),
    ("DNS resolution failures",
     "The internal resolvers were overloaded by a misconfigured client.",
     "Rate-limited the client and added resolver capacity.",
     "Per-client query limits on the resolvers"),
    ("Memory leak in the mail relay",
     "The relay leaked memory under a new spam pattern and was restarted "
     "repeatedly by the watchdog.",
     "Applied the vendor hotfix.",
     "Track relay memory against a baseline"),
    ("Power event in the data centre",
     "A UPS transfer failed during utility maintenance.",
     "Power was restored and services were started in order.",
     "Quarterly UPS transfer tests with the facility"),
]
LEVELS = ["major_outage"] * 3 + ["partial_outage"] * 4 + ["degraded_performance"] * 3
SEVERITY_FOR = {"major_outage": ["sev1", "sev2"],
                "partial_outage": ["sev2", "sev3"],
                "degraded_performance": ["sev3", "sev4"]}
OWNERS = ["Platform team", "Network team", "Database team", "Mail team",
          "SRE on call", "Facilities"]


def iso(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


START = datetime(2025, 11, 1, tzinfo=UTC)
END = datetime(2026, 11, 20, tzinfo=UTC)


def incident(n, when):
    cause = rng.choice(CAUSES)
    level = rng.choice(LEVELS)
    dur = timedelta(minutes=rng.choice([8, 15, 25, 40, 55, 75, 110, 160, 240]))
    services = rng.sample([s for s, _ in SERVICES], rng.choice([1, 1, 1, 2]))
    detect = timedelta(minutes=rng.randint(0, 12))
    ack = detect + timedelta(minutes=rng.randint(1, 20))
    inc = {
        "kind": "incident", "id": "INC-%04d" % n,
        "title": "%s: %s" % (", ".join(dict(SERVICES)[s] for s in services),
                             cause[0].lower()),
        "severity": rng.choice(SEVERITY_FOR[level]),
        "started_at": iso(when), "detected_at": iso(when + detect),
        "acknowledged_at": iso(when + ack),
        "impacts": [{"service": s, "level": level} for s in services],
        "root_cause": cause[1], "resolution": cause[2],
        "preventive_actions": [{
            "action": cause[3], "owner": rng.choice(OWNERS),
            "due": (when + timedelta(days=rng.randint(10, 45))).strftime(
                "%Y-%m-%d"),
            "status": rng.choice(["open", "in_progress", "done"])}],
    }
    if len(services) == 2 and rng.random() < 0.5:
        # the second service only degraded, for part of the time
        inc["impacts"][1]["level"] = "degraded_performance"
        inc["impacts"][1]["start"] = iso(when + dur / 3)
    updates = [(when + detect + timedelta(minutes=rng.randint(2, 25)),
                "investigating", "We are investigating reports of problems "
                "with %s." % dict(SERVICES)[services[0]].lower())]
    t = updates[0][0]
    while t + timedelta(minutes=70) < when + dur:
        t += timedelta(minutes=rng.randint(20, 80))
        if t < when + dur:
            updates.append((t, rng.choice(["identified", "monitoring"]),
                            "The cause is identified; a fix is being "
                            "applied."))
    if rng.random() < 0.08:
        inc["clients"] = [rng.choice(CLIENTS)["id"]]
    ongoing = when + dur > END
    if not ongoing:
        inc["resolved_at"] = iso(when + dur)
        updates.append((when + dur, "resolved",
                        "This incident has been resolved. " + cause[2]))
    inc["updates"] = [{"at": iso(a), "status": s, "body": b}
                      for a, s, b in updates if a >= when]
    return inc


def incidents():
    out = []
    n = 1
    t = START
    while t < END:
        t += timedelta(hours=rng.randint(20, 95))
        if t >= END:
            break
        out.append(incident(n, t))
        n += 1
    # month-end spanning and ongoing incidents
    out.append(incident(n, datetime(2026, 9, 30, 23, 20, tzinfo=UTC)))
    out[-1]["impacts"] = [{"service": "web", "level": "major_outage"}]
    out[-1]["resolved_at"] = iso(datetime(2026, 10, 1, 2, 5, tzinfo=UTC))
    out[-1]["title"] = "Customer portal unavailable over the month end"
    out[-1]["updates"][-1]["at"] = out[-1]["resolved_at"]
    n += 1
    for when, svc in ((datetime(2026, 11, 21, 8, 0, tzinfo=UTC), "vpn"),
                      (datetime(2026, 11, 22, 14, 30, tzinfo=UTC), "backup")):
        inc = incident(n, when)
        inc.pop("resolved_at", None)
        inc["impacts"] = [{"service": svc, "level": "degraded_performance"}]
        inc["title"] = "%s: intermittent errors (ongoing)" % dict(SERVICES)[svc]
        inc["updates"] = [u for u in inc["updates"] if u["status"] != "resolved"]
        out.append(inc)
        n += 1
    return out


MAINT_WORK = [
    ("Database minor version upgrade", ["db"],
     "Upgraded PostgreSQL and rebuilt two indexes.", ""),
    ("Firewall firmware update", ["vpn"],
     "Updated the firewall cluster firmware.",
     "The second node took longer to rejoin the cluster."),
    ("Mail relay migration", ["email"],
     "Moved the mail relays to new hosts.", ""),
    ("Load balancer replacement", ["api", "web"],
     "Replaced the load balancer pair.",
     "Session draining took longer than planned."),
    ("Backup storage expansion", ["backup"],
     "Added capacity to the backup array.", ""),
]


def maintenances():
    rows = []
    t = START + timedelta(days=5)
    n = 1
    while t < END - timedelta(days=10) and n <= 40:
        work = rng.choice(MAINT_WORK)
        day = t.replace(hour=rng.choice([1, 2, 3, 22]), minute=0, second=0)
        length = timedelta(hours=rng.choice([1, 2, 2, 3, 4]))
        notice = timedelta(days=rng.choice([30, 21, 21, 14, 14, 10, 7, 3]))
        overrun = timedelta(minutes=rng.choice([0, 0, 0, 0, 15, 30, 50]))
        early = timedelta(minutes=rng.choice([0] * 9 + [20]))
        status = "completed"
        if n == 17:
            status = "cancelled"
        rows.append({
            "id": "MNT-%03d" % n, "title": work[0],
            "services": ";".join(work[1]), "clients": "",
            "scheduled_start": iso(day), "scheduled_end": iso(day + length),
            "actual_start": iso(day - early),
            "actual_end": iso(day + length + overrun),
            "notified_at": iso(day - notice),
            "impact": rng.choice(["major_outage", "major_outage",
                                  "partial_outage"]),
            "status": status, "summary": work[2],
            "issues": work[3] if overrun else "",
        })
        t += timedelta(days=rng.randint(6, 12))
        n += 1
    return rows


def main():
    with open(os.path.join(HERE, "portfolio.json"), "w", encoding="utf-8") as f:
        json.dump({"services": [{"id": i, "name": n} for i, n in SERVICES],
                   "clients": CLIENTS}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    incs = incidents()
    with open(os.path.join(HERE, "incidents.ndjson"), "w",
              encoding="utf-8") as f:
        for inc in incs:
            f.write(json.dumps(inc, ensure_ascii=False) + "\n")
    rows = maintenances()
    with open(os.path.join(HERE, "maintenances.csv"), "w", newline="",
              encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    print("%d incidents, %d maintenances" % (len(incs), len(rows)))


main()
