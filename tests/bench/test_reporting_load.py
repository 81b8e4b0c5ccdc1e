"""The reporting load benchmark runs end to end (tiny: 8 reporters, one gunicorn worker) and its
checks pass; it measures nothing here. Also: the /healthz it measures against."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from django.test import Client

BENCH = Path(__file__).resolve().parents[2] / "bench" / "reporting_load.py"
TINY = "--reporters 8 --workers 1 --threads 4 --seconds 30 --baseline 2 --probes 1"


def test_reporting_load_benchmark_stores_every_report_once(tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    result = subprocess.run(
        [sys.executable, str(BENCH), *TINY.split(), "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(out.read_text())
    assert report["failures"] == []
    stored = report["stored"]
    assert stored["reports_in_cycle"] == stored["reports_approved_once"] == 8
    assert stored["problems"] == {} and stored["audit_chain_broken"] == 0
    ops = report["operations"]
    assert ops["open"]["ok"] == ops["draft"]["ok"] == ops["submit"]["ok"] == 8
    doubles = report["double_approvals"]
    assert doubles == 2
    assert ops["approve"]["ok"] == 8 - doubles
    assert ops["approve (twice at once)"]["requests"] == 2 * doubles
    assert ops["approve (twice at once)"]["ok"] == doubles
    assert ops["healthz (before)"]["requests"] == ops["healthz (after)"]["requests"] == 16
    assert ops["healthz (baseline)"]["requests"] == 32
    assert report["ratios"]["p95 submit / p95 healthz (baseline)"] > 0


def test_healthz_answers_without_the_database() -> None:
    # No django_db mark: pytest-django blocks the database, so any query would raise here.
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"ok": True}
    assert Client().post("/healthz").status_code == 405
