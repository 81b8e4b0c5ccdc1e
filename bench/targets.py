"""Benchmark: reading target phrases, and judging a whole plan.

    uv run python bench/targets.py [--phrases 100000] [--scale 100] [--repeat 3]

1. Parsing throughput: ``parse_target`` over a generated corpus of realistic phrases
   (``bench/targets_parse.py``), against a baseline measured in the same run over the same
   phrases: a bare regular-expression scan for numbers, which is the least any reader must do.
   Reported as phrases per second for both and as the ratio parse / baseline.
2. Judging: the indicators, quantified targets, key tasks and major projects of a plan
   ``--scale`` times the demo district's size (113 indicators and targets, 162 tasks, 33
   projects), each indicator with five years of figures, judged with the pure progress engine.
   Reported as the time per district (total / scale) and the rate of judgements per second.

Single process, one core; the best of ``--repeat`` runs is kept (the machine is shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lantu.targets import progress as pg
from lantu.targets.parse import parse_target
from lantu.targets.timenodes import parse_timenode
from targets_parse import phrase_corpus

DEMO = {"indicators": 113, "tasks": 162, "projects": 33}
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_parse(n: int, repeat: int) -> dict[str, Any]:
    phrases = phrase_corpus(n, seed=2026)

    def baseline() -> None:
        findall = NUMBER.findall
        for phrase in phrases:
            findall(phrase)

    def parse() -> None:
        for phrase in phrases:
            parse_target(phrase)

    parse()  # warm the compiled patterns
    t_base, t_parse = best(baseline, repeat), best(parse, repeat)
    return {
        "phrases": n,
        "baseline_regex_per_s": round(n / t_base),
        "parse_per_s": round(n / t_parse),
        "parse_over_baseline_time": round(t_parse / t_base, 1),
    }


def plan_inputs(scale: int, seed: int = 7) -> tuple[list[Any], list[Any], list[Any]]:
    """A plan ``scale`` times the demo's size, with figures, in the engine's plain types."""
    rng = random.Random(seed)
    phrases = [p for p in phrase_corpus(400, seed=seed) if p]
    targets = [parse_target(p) for p in phrases]
    indicators = []
    for i in range(DEMO["indicators"] * scale):
        target = targets[i % len(targets)]
        base = Decimal(rng.randint(50, 500))
        figures = [
            pg.Observation(year, (base * Decimal(1 + 0.04 * (year - 2025))).quantize(Decimal(1)))
            for year in range(2026, 2026 + rng.randint(0, 5))
        ]
        given = pg.IndicatorInput(
            target=target,
            start_year=2026,
            end_year=2030,
            baseline_year=2025,
            baseline=base,
            binding=i % 3 == 0,
        )
        indicators.append((given, figures))
    nodes = [parse_timenode(t, 2026) for t in ("2027年底前", "持续推进", "2028年6月底前", "每季度")]
    tasks = [
        ([nodes[i % 4]], Decimal(rng.randint(0, 100)), i % 7 == 0)
        for i in range(DEMO["tasks"] * scale)
    ]
    stages = [pg.Stage("开工", dt.date(2026, 3, 1), None), pg.Stage("竣工", dt.date(2028, 6, 30))]
    projects = [
        (Decimal(rng.randint(1000, 50000)), Decimal(rng.randint(0, 30000)), stages)
        for _ in range(DEMO["projects"] * scale)
    ]
    return indicators, tasks, projects


def bench_judge(scale: int, repeat: int) -> dict[str, Any]:
    indicators, tasks, projects = plan_inputs(scale)
    as_of = dt.date(2028, 9, 30)

    def judge() -> None:
        for given, figures in indicators:
            pg.judge_indicator(given, figures, as_of)
        for nodes, progress, done in tasks:
            pg.judge_task(nodes, progress, done, as_of)
        for planned, completed, stages in projects:
            pg.judge_project(planned, completed, as_of, stages)

    elapsed = best(judge, repeat)
    items = len(indicators) + len(tasks) + len(projects)
    return {
        "scale": scale,
        "items": items,
        "seconds_total": round(elapsed, 3),
        "ms_per_district": round(elapsed / scale * 1000, 2),
        "judgements_per_s": round(items / elapsed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--phrases", type=int, default=100_000)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    result = {
        "parse": bench_parse(args.phrases, args.repeat),
        "judge": bench_judge(args.scale, args.repeat),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
