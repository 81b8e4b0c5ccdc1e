"""Production settings fail closed: checked in a fresh interpreter each time."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

GOOD_KEY = "k" * 20 + "9f8a7d6c5b4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a"


def load(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LANTU_", "DATABASE_URL"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import lantu.settings"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "LANTU_SECRET_KEY"),
        ({"LANTU_SECRET_KEY": "lantu-development-key-never-use-in-production"}, "LANTU_SECRET_KEY"),
        (
            {"LANTU_SECRET_KEY": GOOD_KEY, "LANTU_DEBUG": "1", "LANTU_ALLOWED_HOSTS": "a.gov.cn"},
            "DEBUG",
        ),
        ({"LANTU_SECRET_KEY": GOOD_KEY}, "LANTU_ALLOWED_HOSTS"),
        (
            {"LANTU_SECRET_KEY": GOOD_KEY, "LANTU_ALLOWED_HOSTS": "a.gov.cn", "LANTU_DEMO": "1"},
            "demo",
        ),
        (
            {
                "LANTU_SECRET_KEY": GOOD_KEY,
                "LANTU_ALLOWED_HOSTS": "a.gov.cn",
                "LANTU_TODAY": "2026-11-25",
            },
            "LANTU_TODAY",
        ),
    ],
)
def test_production_refuses_unsafe_settings(env: dict[str, str], message: str) -> None:
    result = load(LANTU_MODE="production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_production_starts_with_safe_settings() -> None:
    result = load(
        LANTU_MODE="production", LANTU_SECRET_KEY=GOOD_KEY, LANTU_ALLOWED_HOSTS="a.gov.cn"
    )
    assert result.returncode == 0, result.stderr


def test_bad_values_are_refused_not_guessed() -> None:
    assert "LANTU_DEBUG" in load(LANTU_DEBUG="maybe").stderr
    assert "LANTU_MODE" in load(LANTU_MODE="staging").stderr
    assert "LANTU_PAGE_SIZE" in load(LANTU_PAGE_SIZE="many").stderr
    assert "LANTU_TODAY" in load(LANTU_TODAY="25/11/2026").stderr


def test_the_demo_is_pinned_to_its_day_unless_told_otherwise() -> None:
    def today(**env: str) -> str:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("LANTU_")}
        code = "import lantu.settings as s; print(s.LANTU_TODAY)"
        run = subprocess.run(
            [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
        )
        return run.stdout.strip()

    assert today() == "None"
    assert today(LANTU_DEMO="1") == "2026-11-25"
    assert today(LANTU_DEMO="1", LANTU_TODAY="2027-03-01") == "2027-03-01"
