"""The benchmark runs (tiny sizes; it measures nothing here, it must only keep working)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "targets.py"


def test_targets_benchmark_runs_and_reports_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--phrases", "500", "--scale", "1", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    assert report["parse"]["phrases"] == 500 and report["parse"]["parse_per_s"] > 0
    assert report["parse"]["baseline_regex_per_s"] > 0
    assert report["judge"]["items"] == 113 + 162 + 33
