"""The dashboard benchmark runs end to end (tiny: the demo ×2, two rounds) and reports sane
figures; it measures nothing here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "dashboard.py"
DEMO = {"indicators": 113, "tasks": 162, "projects": 33}  # the demo's 15th Outline


def test_dashboard_benchmark_serves_every_page_from_the_multiplied_plan(tmp_path: Path) -> None:
    out = tmp_path / "dashboard.json"
    result = subprocess.run(
        [sys.executable, str(BENCH), "--scale", "2", "--repeat", "2", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text())
    assert report["failures"] == []
    assert {k: report["rows"][k] for k in DEMO} == {k: 2 * n for k, n in DEMO.items()}
    pages = report["pages"]
    assert set(pages) == {"bare", "overview", "unit view", "leader view"}
    for figures in pages.values():
        assert figures["requests"] == 2
        assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"]
    # The dashboards read more than the bare view, and a fixed number of queries.
    assert pages["bare"]["queries"] < pages["overview"]["queries"] <= 25
    # Every live item was judged once and stored before the pages were asked for.
    assert report["judged"]["items"] >= sum(report["rows"][k] for k in DEMO)
    assert report["ratios"]["p95 overview / p95 bare"] > 1
    assert report["profile"]["lantu_by_cumulative"]
    assert "aim: overview p95 within 150" in result.stdout
