#!/usr/bin/env python3
"""Compares a `ptplab conform --json` result with an expected-failure list, exactly.

Usage: compare_verdicts.py RESULTS.json EXPECTED.txt [--write]

EXPECTED.txt has one line per case that does not pass:
    CASE-ID  STATUS  WHY
where STATUS is the case's "status" in the JSON (fail, warn, blocked, unsupported,
harness-error, or any status a later harness adds), followed by ":" and the case named in
"blocked_by" when there is one (blocked:cert/1), and WHY says which verb or requirement the
target lacks.
`#` starts a comment line; blank lines are ignored. Cases whose status is `pass` or
`skipped` are not listed.

The comparison is exact: it fails (exit 1) when a case does not pass and is not listed,
when a listed case passes, or when a listed case ends with another status than listed
(e.g. a harness change turns `unsupported` into `blocked`); each difference is one line.
Exit 0 when the two agree, 2 on unreadable input.

--write rewrites EXPECTED.txt from RESULTS.json, keeping the WHY of every case still
listed and marking new ones "TODO: say why", so a harness change is one run and a review
of the TODOs away from an updated list. Its header comment lines are kept.
"""

import json
import sys

NOT_LISTED = frozenset({"pass", "skipped"})
TODO = "TODO: say why"


def read_expected(path):
    """(header comment lines, {case id: (status, why)}) of an expected-failure list."""
    header, expected = [], {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            text = line.rstrip("\n")
            if not text.strip() or text.lstrip().startswith("#"):
                if not expected:
                    header.append(text)
                continue
            fields = text.split(None, 2)
            if len(fields) < 3:
                raise ValueError(f"{path}:{number}: want 'CASE-ID STATUS WHY', got {text!r}")
            case_id, status, why = fields
            if case_id in expected:
                raise ValueError(f"{path}:{number}: {case_id} listed twice")
            expected[case_id] = (status, why)
    return header, expected


def status_of(case):
    """A case's STATUS column: its status, and ":" + the blocking case when it has one."""
    by = case.get("blocked_by")
    return f"{case['status']}:{by}" if by else case["status"]


def read_actual(path):
    """{case id: STATUS} of every case in a conform JSON result, in its order."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return {c["id"]: status_of(c) for c in doc["cases"]}


def differences(actual, expected):
    """Lines naming every disagreement between actual statuses and the expected list."""
    lines = []
    for case_id, status in actual.items():
        listed = expected.get(case_id)
        if listed is None and status not in NOT_LISTED:
            lines.append(f"{case_id}: {status}, not in the expected-failure list")
        elif listed is not None and status != listed[0]:
            lines.append(f"{case_id}: {status}, but listed as {listed[0]} ({listed[1]})")
    for case_id, (status, why) in expected.items():
        if case_id not in actual:
            lines.append(f"{case_id}: not run, but listed as {status} ({why})")
    return lines


def write_expected(path, header, actual, expected):
    width = max((len(c) for c in actual), default=0)
    status_width = max([11] + [len(s) for s in actual.values() if s not in NOT_LISTED])
    with open(path, "w", encoding="utf-8") as f:
        for line in header:
            f.write(line + "\n")
        for case_id, status in actual.items():
            if status in NOT_LISTED:
                continue
            why = expected[case_id][1] if case_id in expected else TODO
            f.write(f"{case_id:<{width}}  {status:<{status_width}}  {why}\n")


def main(argv):
    if len(argv) not in (2, 3) or (len(argv) == 3 and argv[2] != "--write"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        header, expected = read_expected(argv[1])
        actual = read_actual(argv[0])
    except (OSError, ValueError, KeyError) as error:
        print(f"compare_verdicts: {error}", file=sys.stderr)
        return 2
    if len(argv) == 3:
        write_expected(argv[1], header, actual, expected)
        todo = sum(1 for c, s in actual.items() if s not in NOT_LISTED and c not in expected)
        print(f"wrote {argv[1]}: {todo} new cases marked '{TODO}'")
        return 0
    lines = differences(actual, expected)
    for line in lines:
        print(line)
    listed = sum(1 for s in actual.values() if s not in NOT_LISTED)
    passed = sum(1 for s in actual.values() if s == "pass")
    verdict = "agree" if not lines else f"{len(lines)} differences"
    print(f"{len(actual)} cases: {passed} passed, {listed} listed as not passing; list and run {verdict}")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
