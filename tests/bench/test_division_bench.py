"""The division-import benchmark runs (tiny size; it measures nothing here, it must only work)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "division_import.py"


def test_division_import_benchmark_runs_and_reports_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--rows", "40", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    assert report["rows"] == 40 and report["assignments"] > 40 and report["time_nodes"] >= 40
    assert report["audit_events"] == report["assignments"] + report["time_nodes"] + 1
    for key in ("a_bare_read_s", "b_read_plus_bulk_insert_s", "c_preview_plus_apply_s"):
        assert report[key] > 0
    assert report["c_over_a"] > 0 and report["c_over_b"] > 0 and report["peak_mb"]["c"] > 0
