#!/usr/bin/env python3
"""The outside checker (issue [T] item 3): recomputes every metric of a ptplab report from the
report's raw rows, independently of ptplab's code, and fails on any difference.

For each scenario given (default: every scenarios/suites/smoke/*.json), it runs the real binary
($PTPLAB or --ptplab) with full recording into a fresh report, then, for the run:
- takes the list of metrics from the metric table (reports/records/metrics.cpp, the one place
  they are declared) together with every `metrics` scalar the run wrote;
- recomputes each one in Python from the rows of message, delivery, membership, node, traffic,
  collision, nat_attempt and timeseries, following the definitions of reports/SCHEMA.md;
- compares it with the stored scalar: both absent, or equal within a relative 1e-12 (both sides
  divide the same integers in IEEE doubles; percentiles are nearest-rank, a stored value / 1e6).
A metric with no recomputation here fails by name: a new metric needs a definition below.
It also checks that the per-node rows add up to the per-message and per-datagram rows, that the
per-group tables `ptplab run` and `ptplab report` print match the rows (to their 4 significant
digits), and that SCHEMA.md names every metric and sample the runs write, and no other series.

Only the Python 3 standard library (sqlite3) is used. Exit status 0 when everything matches.
"""
import argparse
import glob
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REL_TOLERANCE = 1e-12


def nearest_rank(values, p):
    """Value at 1-based position ceil(p * n) of the sorted sample; None for an empty one."""
    if not values:
        return None
    s = sorted(values)
    k = math.ceil(p * len(s))
    return s[max(0, k - 1)]


def ratio(a, b):
    return None if b == 0 else a / b


def ms(ns):
    return None if ns is None else ns / 1e6


class Run:
    """The raw rows of one run, as lists of dicts."""

    def __init__(self, db, run_id):
        def rows(table):
            cur = db.execute(f"SELECT * FROM {table} WHERE run_id = ?", (run_id,))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r)) for r in cur.fetchall()]

        self.message = rows("message")
        self.delivery = rows("delivery")
        self.membership = rows("membership")
        self.node = rows("node")
        self.traffic = rows("traffic")
        self.collision = rows("collision")
        self.nat = rows("nat_attempt")
        self.timeseries = rows("timeseries")
        self.scalars = {(r["module"], r["name"]): r["value"] for r in rows("scalar")}

    def intended_pairs(self, messages=None):
        ids = None if messages is None else {m["msg_id"] for m in messages}
        return {(d["msg_id"], d["node"]) for d in self.delivery
                if d["intended"] and (ids is None or d["msg_id"] in ids)}

    def latencies(self):
        return [d["latency_ns"] for d in self.delivery if d["intended"]]

    def join_times(self):
        return [m["joined_ns"] - m["intended_ns"] for m in self.membership if m["joined_ns"] is not None]

    def table_max(self, name):
        values = [t["value"] for t in self.timeseries if t["name"] == name]
        return max(values) if values else None


def unsent_pairs(r, name="unsent_intended_pairs"):
    """Intended pairs of scheduled messages that were never sent (absent scalar: none)."""
    return r.scalars.get(("sim", name), 0)


def delivery_ratio(r):
    return ratio(len(r.intended_pairs()), sum(m["intended_recipients"] for m in r.message) + unsent_pairs(r))


def delivery_ratio_joined(r):
    joined = {(d["msg_id"], d["node"]) for d in r.delivery if d["joined"]}
    return ratio(len(joined), sum(m["joined_recipients"] for m in r.message))


def honest_delivery_ratio(r):
    """Over messages sent under attack; without attacker hosts, over every message."""
    attackers = any(n["role"] == "attacker" for n in r.node)
    attacked = [m for m in r.message if m["during_attack"] or not attackers]
    unsent = unsent_pairs(r, "unsent_intended_pairs_under_attack" if attackers else "unsent_intended_pairs")
    return ratio(len(r.intended_pairs(attacked)), sum(m["intended_recipients"] for m in attacked) + unsent)


def amplification_factor(r):
    induced = sum(n["bytes_induced"] for n in r.node if n["role"] != "attacker")
    return ratio(induced, sum(n["bytes_out"] for n in r.node if n["role"] == "attacker"))


def shared_msg_ids(r):
    """msg_id -> messages holding it, for ids more than one message holds, and for the ids of
    single messages a node dropped a copy of as a msg_id collision (shared with another verb's
    datagram or an attacker's: the collision row says so, backed by msg_id_collision drops)."""
    holders = {}
    for m in r.message:
        holders.setdefault(m["msg_id"], []).append(m)
    reported = {c["id"] for c in r.collision if c["kind"] == "msg_id"}
    return {i: ms for i, ms in holders.items() if len(ms) > 1 or i in reported}


def single_reported_msg_ids(r):
    """Collision rows of msg_ids that only one MESSAGE row holds (the other holder is not a MESSAGE)."""
    count = {}
    for m in r.message:
        count[m["msg_id"]] = count.get(m["msg_id"], 0) + 1
    return [c for c in r.collision if c["kind"] == "msg_id" and count.get(c["id"], 0) == 1]


def shared_node_ids(r):
    """node_ids that more than one honest node runs under."""
    count = {}
    for n in r.node:
        if n["role"] != "attacker" and n["node_id"]:
            count[n["node_id"]] = count.get(n["node_id"], 0) + 1
    return {i for i, c in count.items() if c > 1}


def wrongly_suppressed(r):
    """Intended (message, recipient) pairs left undelivered among messages sharing a msg_id."""
    shared = shared_msg_ids(r)
    delivered = {}
    for msg_id, _ in r.intended_pairs():
        if msg_id in shared:
            delivered[msg_id] = delivered.get(msg_id, 0) + 1
    return sum(sum(m["intended_recipients"] for m in ms) - delivered.get(i, 0) for i, ms in shared.items())


def misrouted(r):
    """Deliveries to a node that was not an intended recipient but shares its node_id."""
    shared = shared_node_ids(r)
    node_id = {n["node"]: n["node_id"] for n in r.node}
    return sum(1 for d in r.delivery if not d["intended"] and node_id.get(d["node"]) in shared)


def bytes_sent(r):
    return sum(t["bytes_sent"] for t in r.traffic)


def honest_bytes_out(r):
    return sum(n["bytes_out"] for n in r.node if n["role"] != "attacker")


def honest_datagrams_out(r):
    return sum(n["datagrams_out"] for n in r.node if n["role"] != "attacker")


# Every metric's definition (reports/SCHEMA.md "Metrics"), from rows only.
RECOMPUTE = {
    "amplification_factor": amplification_factor,
    "bytes_per_delivered_message": lambda r: ratio(honest_bytes_out(r), len(r.intended_pairs())),
    "bytes_sent": bytes_sent,
    "certificates_table_max": lambda r: r.table_max("certificates_table_max"),
    "connect_time_p50_ms": lambda r: ms(nearest_rank(
        [a["time_to_connect_ns"] for a in r.nat if a["succeeded"]], 0.5)),
    "datagrams_per_delivered_message": lambda r: ratio(honest_datagrams_out(r), len(r.intended_pairs())),
    "datagrams_sent": lambda r: sum(t["datagrams_sent"] for t in r.traffic),
    "dedup_table_max": lambda r: r.table_max("dedup_table_max"),
    "delivered_messages": lambda r: len(r.intended_pairs()),
    "delivery_ratio": delivery_ratio,
    "delivery_ratio_joined": delivery_ratio_joined,
    "drops_rate_limited": lambda r: sum(t["datagrams_dropped"] for t in r.traffic
                                        if t["drop_reason"] == "rate_limited"),
    "duplicates": lambda r: sum(n["duplicates"] for n in r.node),
    "honest_delivery_ratio": honest_delivery_ratio,
    "join_success_ratio": lambda r: ratio(len(r.join_times()), len(r.membership)),
    "join_time_p50_ms": lambda r: ms(nearest_rank(r.join_times(), 0.5)),
    "join_time_p99_ms": lambda r: ms(nearest_rank(r.join_times(), 0.99)),
    "latency_max_ms": lambda r: ms(nearest_rank(r.latencies(), 1.0)),
    "latency_p50_ms": lambda r: ms(nearest_rank(r.latencies(), 0.5)),
    "latency_p90_ms": lambda r: ms(nearest_rank(r.latencies(), 0.9)),
    "latency_p99_ms": lambda r: ms(nearest_rank(r.latencies(), 0.99)),
    "members_intended": lambda r: len(r.membership),
    "members_joined": lambda r: len(r.join_times()),
    "messages_misrouted": misrouted,
    "messages_sent": lambda r: len(r.message),
    "messages_wrongly_suppressed": wrongly_suppressed,
    "msg_id_collisions": lambda r: len(shared_msg_ids(r)),
    "nat_attempts": lambda r: len(r.nat),
    "nat_success_ratio": lambda r: ratio(sum(a["succeeded"] for a in r.nat), len(r.nat)),
    "node_id_collisions": lambda r: len(shared_node_ids(r)),
    "peers_table_max": lambda r: r.table_max("peers_table_max"),
    "routing_table_max": lambda r: r.table_max("routing_table_max"),
    "victim_datagrams_received": lambda r: sum(n["datagrams_in"] for n in r.node if n["attack_target"]),
}


def consistency(r):
    """Cross-table identities the per-node rows must satisfy: (what, from node rows, from the rest)."""
    first_join = {}
    for m in r.membership:
        if m["joined_ns"] is not None:
            first_join[m["node"]] = min(first_join.get(m["node"], m["joined_ns"]), m["joined_ns"])
    per_node_deliveries = {}
    for d in r.delivery:
        if d["intended"]:
            per_node_deliveries[d["node"]] = per_node_deliveries.get(d["node"], 0) + 1
    yield ("sum(node.datagrams_out) = sum(traffic.datagrams_sent)",
           sum(n["datagrams_out"] for n in r.node), sum(t["datagrams_sent"] for t in r.traffic))
    yield ("sum(node.bytes_out) = sum(traffic.bytes_sent)", sum(n["bytes_out"] for n in r.node), bytes_sent(r))
    yield ("sum(node.messages_intended) = sum(message.intended_recipients) + unsent_intended_pairs",
           sum(n["messages_intended"] for n in r.node),
           sum(m["intended_recipients"] for m in r.message) + unsent_pairs(r))
    yield ("node.deliveries = intended delivery rows, per node",
           {n["node"]: n["deliveries"] for n in r.node if n["deliveries"]}, per_node_deliveries)
    yield ("node.joined_ns = first membership.joined_ns, per node",
           {n["node"]: n["joined_ns"] for n in r.node if n["joined_ns"] is not None}, first_join)
    yield ("collision rows = ids shared in message and node rows",
           sorted((c["kind"], c["id"], c["count"]) for c in r.collision),
           sorted([("msg_id", i, max(len(ms), 2)) for i, ms in shared_msg_ids(r).items()]
                  + [("node_id", i, sum(1 for n in r.node if n["node_id"] == i and n["role"] != "attacker"))
                     for i in shared_node_ids(r)]))
    yield ("single-MESSAGE msg_id collision rows <= msg_id_collision drops", True,
           len(single_reported_msg_ids(r)) <= sum(t["datagrams_dropped"] for t in r.traffic
                                                   if t["drop_reason"] == "msg_id_collision"))
    yield ("bytes_in <= bytes_out overall", True,
           sum(n["bytes_in"] for n in r.node) <= sum(n["bytes_out"] for n in r.node))


def group_figures(r):
    """Per honest group, from node and delivery rows: [nodes, joined, intended, delivered, ratio,
    latency p50 ms, p99 ms] of the deliveries to its nodes."""
    group_of = {n["node"]: n["group_name"] for n in r.node if n["role"] != "attacker"}
    out = {}
    for n in r.node:
        if n["role"] == "attacker":
            continue
        g = out.setdefault(n["group_name"], [0, 0, 0, 0])
        g[0] += 1
        g[1] += n["joined_ns"] is not None
        g[2] += n["messages_intended"]
        g[3] += n["deliveries"]
    for name, g in out.items():
        lat = [d["latency_ns"] for d in r.delivery if d["intended"] and group_of.get(d["node"]) == name]
        g += [ratio(g[3], g[2]), ms(nearest_rank(lat, 0.5)), ms(nearest_rank(lat, 0.99))]
    return out


def printed_groups(text):
    """The per-group table a summary printed: {group: [cells as numbers or None]}."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.split()[:2] == ["group", "nodes"]:
            rows = {}
            for row in lines[i + 1:]:
                cells = row.split()
                if len(cells) != 8 or not cells[1].isdigit():
                    break
                rows[cells[0]] = [None if c == "-" else float(c) for c in cells[1:]]
            return rows
    return {}


def check_groups(where, text, r):
    """The per-group table of a printed summary against the rows (4 significant digits)."""
    expected = group_figures(r)
    printed = printed_groups(text)
    if len(expected) < 2:
        return [] if not printed else [f"{where}: a per-group table for {len(expected)} group"]
    if set(printed) != set(expected):
        return [f"{where}: per-group table has groups {sorted(printed)}, the rows {sorted(expected)}"]
    failures = []
    for name, want in expected.items():
        for column, a, b in zip(["nodes", "joined", "intended", "delivered", "ratio", "p50 ms", "p99 ms"],
                                printed[name], want):
            ok = (a is None and b is None) or (a is not None and b is not None and
                                               abs(a - b) <= 5e-4 * max(1.0, abs(b)))
            if not ok:
                failures.append(f"{where}: group {name} {column}: printed {a}, from rows {b}")
    return failures


def metric_names():
    """The metric table's names, read from its one declaration."""
    text = open(os.path.join(SRC, "reports/records/metrics.cpp")).read()
    names = re.findall(r'^\s*\{(?:Metric::k\w+, )?"([a-z0-9_]+)", "[a-z]+", Better::', text, re.M)
    if not names:
        sys.exit("recompute: no metric found in reports/records/metrics.cpp (has its layout changed?)")
    return names


def same(stored, recomputed):
    if stored is None or recomputed is None:
        return stored is None and recomputed is None
    return abs(stored - recomputed) <= REL_TOLERANCE * max(1.0, abs(stored), abs(recomputed))


def series_names(db):
    """(table, name) of every named sample the report holds."""
    return {(t, n) for t in ("timeseries", "statistic", "histogram")
            for (n,) in db.execute(f"SELECT DISTINCT name FROM {t}")}


def schema_section(schema, table):
    """The text of SCHEMA.md's `### table ...` section."""
    m = re.search(r"^### " + table + r"\b.*?(?=^### |^## )", schema, re.M | re.S)
    return m.group(0) if m else ""


def check_report(path, names, label):
    """Every run of the report at `path`: a list of failure lines."""
    failures = []
    db = sqlite3.connect(path)
    for (run_id,) in db.execute("SELECT run_id FROM run ORDER BY run_id").fetchall():
        r = Run(db, run_id)
        where = f"{label} run {run_id}"
        stored_names = {name for (module, name) in r.scalars if module == "metrics"}
        for name in sorted(set(names) | stored_names):
            if name not in RECOMPUTE:
                failures.append(f"{where}: metric {name}: no independent recomputation in {__file__}")
                continue
            stored = r.scalars.get(("metrics", name))
            recomputed = RECOMPUTE[name](r)
            if recomputed is not None:
                recomputed = float(recomputed)
            if not same(stored, recomputed):
                failures.append(f"{where}: metric {name}: stored {stored}, recomputed from rows {recomputed}")
        for what, from_nodes, from_rest in consistency(r):
            if from_nodes != from_rest:
                a, b = (str(from_nodes), str(from_rest))
                failures.append(f"{where}: {what}: {a[:200]} vs {b[:200]}")
    db.close()
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", help="scenario files (default: scenarios/suites/smoke/*.json)")
    ap.add_argument("--ptplab", default=os.environ.get("PTPLAB"), help="the binary (default: $PTPLAB)")
    ap.add_argument("--report", action="append", default=[], help="check an existing report instead")
    args = ap.parse_args()
    names = metric_names()
    failures = []
    schema = open(os.path.join(SRC, "reports/SCHEMA.md")).read()
    failures += [f"reports/SCHEMA.md does not name metric {n}" for n in names if f"`{n}`" not in schema]
    reports = [(p, p) for p in args.report]
    with tempfile.TemporaryDirectory() as tmp:
        if not args.report:
            if not args.ptplab:
                sys.exit("recompute: set PTPLAB or pass --ptplab")
            scenarios = args.scenarios or sorted(glob.glob(os.path.join(SRC, "scenarios/suites/smoke/*.json")))
            for s in scenarios:
                db = os.path.join(tmp, os.path.basename(s) + ".db")
                # Expectations may fail (exit 1); the rows are what is checked here.
                p = subprocess.run([args.ptplab, "run", s, "--set", '/record="full"', "--report", db],
                                   capture_output=True, text=True)
                if p.returncode not in (0, 1) or not os.path.exists(db):
                    failures.append(f"{s}: ptplab run exited {p.returncode}: {p.stderr.strip()[-300:]}")
                    continue
                label = os.path.relpath(s, SRC)
                reports.append((db, label))
                # The per-group tables `ptplab run` (the runner's counters) and `ptplab report`
                # (SQL over the file) print.
                shown = subprocess.run([args.ptplab, "report", db], capture_output=True, text=True).stdout
                conn = sqlite3.connect(db)
                rows = Run(conn, 1)
                conn.close()
                failures += check_groups(f"{label} (ptplab run)", p.stdout, rows)
                failures += check_groups(f"{label} (ptplab report)", shown, rows)
        checked = 0
        written = set()
        for path, label in reports:
            f = check_report(path, names, label)
            failures += f
            checked += 1
            print(("ok   " if not f else "FAIL ") + label)
            db = sqlite3.connect(path)
            written |= series_names(db)
            db.close()
        # The documents name what reports hold, and only that.
        for table, name in sorted(written):
            if f"`{name}`" not in schema_section(schema, table) and f"`{name}`" not in schema:
                failures.append(f"reports/SCHEMA.md does not name {table} '{name}' that runs write")
        if not args.report:
            documented = set(re.findall(r"`([a-z0-9_]+)`", schema_section(schema, "timeseries")))
            for name in sorted(documented - {n for t, n in written if t == "timeseries"}):
                failures.append(f"reports/SCHEMA.md names timeseries '{name}' that no smoke run writes")
    for f in failures:
        print("FAIL " + f)
    print(f"{len(names)} metrics recomputed from rows in {checked} reports: "
          + ("all match" if not failures else f"{len(failures)} mismatches"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
