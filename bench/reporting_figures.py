"""Figures and checks of ``bench/reporting_load.py``: latencies, throughput, what failed."""

from __future__ import annotations

import math
from typing import Any

from reporting_http import Call, Run

CONFLICT = {409}  # the API: "this report is now approved; the action was not applied"


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def figures(calls: list[Call], wall: float) -> dict[str, Any]:
    ms = [c.seconds * 1000 for c in calls]
    return {
        "requests": len(calls),
        "ok": sum(200 <= c.status < 300 for c in calls),
        "server_errors": sum(c.status >= 500 for c in calls),
        "no_answer": sum(c.status == 0 for c in calls),
        "per_s": round(len(calls) / wall, 1) if wall > 0 else 0.0,
        "p50_ms": round(percentile(ms, 0.50), 1),
        "p95_ms": round(percentile(ms, 0.95), 1),
        "max_ms": round(max(ms, default=0.0), 1),
    }


def verdict(run: Run, stored: dict[str, Any], logged: int, reporters: int) -> list[str]:
    """What went wrong, in words; empty when every check passed."""
    failures = []
    workflow = [c for op, calls in run.calls.items() if "healthz" not in op for c in calls]
    everything = [c for calls in run.calls.values() for c in calls]
    if server := sum(c.status >= 500 for c in everything):
        failures.append(f"{server} answers were 5xx")
    if lost := sum(c.status == 0 for c in everything):
        sample = next(c.error for c in everything if c.status == 0)
        failures.append(f"{lost} requests got no answer (e.g. {sample})")
    single = [c for op in ("open", "draft", "submit", "approve") for c in run.calls[op]]
    if odd := [c for c in single if c.status not in (0, 200) and c.status < 500]:
        failures.append(
            f"{len(odd)} of {len(single)} open/draft/submit/approve requests were refused, e.g. "
            f"{odd[0].status} {odd[0].body[:200].decode(errors='replace').strip()}"
        )
    if bad_pairs := [
        p
        for p in run.pairs
        if sorted(p)[:1] != [200] or len(p) != 2 or sorted(p)[1] not in CONFLICT
    ]:
        failures.append(
            f"{len(bad_pairs)} double approvals did not give one 200 and one 409, "
            f"e.g. {bad_pairs[0]}"
        )
    if run.unfinished:
        failures.append(f"{run.unfinished} clients were still waiting at the time limit")
    if not workflow:
        failures.append("no workflow request was made")
    if stored["reports_in_cycle"] != reporters:
        failures.append(f"{stored['reports_in_cycle']} reports in the cycle, not {reporters}")
    if stored["reports_approved_once"] != reporters:
        failures.append(
            f"only {stored['reports_approved_once']} of {reporters} reports were approved with "
            f"exactly one save, submission and approval: {stored['problems']}"
        )
    notes = stored["notifications"]
    if notes.get("to_review") != reporters or notes.get("to_accept") != reporters:
        failures.append(f"notifications {notes}: want {reporters} to_review and to_accept")
    if stored["audit_chain_broken"]:
        failures.append(f"audit chain broken at {stored['audit_chain_broken']} events")
    if logged:
        failures.append(f"the server logged {logged} errors or tracebacks")
    return failures


def table(result: dict[str, Any]) -> str:
    head = f"{'operation':<24}{'requests':>9}{'5xx':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
    lines = [
        f"{result['database']}, {result['reporters']} reporters, gunicorn "
        f"{result['workers']} workers x {result['threads']} threads, "
        f"{result['double_approvals']} double approvals; "
        f"load average at the end {result['load_average_1min_at_end']}",
        "",
        head + f"{'max ms':>9}",
        "-" * (len(head) + 9),
    ]
    for op, f in result["operations"].items():
        lines.append(
            f"{op:<24}{f['requests']:>9}{f['server_errors']:>6}{f['per_s']:>9}"
            f"{f['p50_ms']:>9}{f['p95_ms']:>9}{f['max_ms']:>9}"
        )
    lines.append("")
    lines += [f"{name}: {value}" for name, value in result["ratios"].items()]
    lines.append("")
    lines += [f"{name}: {value}" for name, value in result["stored"].items()]
    lines.append("")
    lines += [f"FAILED: {f}" for f in result["failures"]] or ["all checks passed"]
    return "\n".join(lines)
