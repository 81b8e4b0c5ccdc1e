"""The demo district: every acceptance count of the seed, idempotence, reset and determinism."""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from decimal import Decimal

import pytest

from lantu.core import audit
from lantu.demo import DEMO_LOGINS, DEMO_PASSWORD
from lantu.demo.build_tasks import compose_tasks
from lantu.demo.seed import REGION_CODE, DemoSummary, seed_demo
from lantu.demo.tasks15 import GROUPS
from lantu.demo.timenodes import read_local
from lantu.division.models import Assignment, TimeNode
from lantu.indicators.models import Indicator, Observation
from lantu.organizations.models import Membership, Person, Role, Unit
from lantu.plans.models import Plan, Section
from lantu.projects.models import InvestmentPlan, Project
from lantu.tasks.models import Task

BASES = {
    "level", "growth", "annual_growth", "pp_change", "increment", "cumulative", "relative",
    "delegated", "qualitative", "compound",
}  # fmt: skip


def basis_of(text: str) -> str:
    """A tiny classifier for the phrases the seed writes (the real parser is tested apart)."""
    inner = text.strip("[]")
    if "成片" in inner and "零星" in inner:
        return "compound"
    if "下达" in inner or "国家要求" in inner:
        return "delegated"
    if "同步" in inner:
        return "relative"
    if "年均" in inner:
        return "annual_growth"
    if "个百分点" in inner:
        return "pp_change"
    if "累计" in inner or re.fullmatch(r"\[\d+(\.\d+)?\]", text):
        return "cumulative"
    if inner.startswith(("新增", "新建", "完成")):
        return "increment"
    if re.match(r"^(增长|下降|降低|提高|减少)\d+(\.\d+)?%", inner):
        return "growth"
    if not re.search(r"\d", inner):
        return "qualitative"
    return "level"


def outline(start_year: int) -> Plan:
    return Plan.objects.get(region__code=REGION_CODE, start_year=start_year)


def main_indicators(plan: Plan) -> list[Indicator]:
    return list(Indicator.objects.filter(version=plan.current_version, source="main_table"))


@pytest.mark.django_db
def test_seed_builds_the_unit_tree_with_every_kind() -> None:
    summary = seed_demo()
    assert summary.units >= 40
    units = list(Unit.objects.filter(region__code=REGION_CODE))
    kinds = Counter(u.kind for u in units)
    assert set(kinds) >= set(Unit.Kind.values) - {Unit.Kind.OTHER}
    assert kinds["subdistrict"] + kinds["town"] >= 8
    assert kinds["key_area"] == 3
    assert kinds["department"] >= 25
    by_id = {u.pk: u for u in units}
    for unit in units:
        parent_path = by_id[unit.parent_id].path if unit.parent_id else "/"
        assert unit.path == f"{parent_path}{unit.pk}/"
    government = next(u for u in units if u.kind == "government")
    drc = next(u for u in units if u.name == "区发展改革委")
    assert drc.parent_id == government.pk


@pytest.mark.django_db
def test_every_role_is_held_and_demo_logins_work() -> None:
    seed_demo()
    memberships = Membership.objects.filter(region__code=REGION_CODE)
    assert {m.role for m in memberships} == set(Role.values)
    deputy = memberships.get(person__username="fuquzhang")
    assert deputy.role == "leader"
    assert deputy.scope == "all"  # DESIGN: a 分管领导 sees everything, the portfolio first
    assert deputy.chosen_units.count() >= 5
    assert memberships.get(person__username="quzhang").scope == "all"
    assert memberships.get(person__username="admin").unit.name == "区发展改革委"
    assert memberships.get(person__username="renda").unit.kind == "congress"
    streets = {m.unit.name for m in memberships.filter(unit__kind="subdistrict")}
    assert len(streets) >= 2

    usernames = {login.username for login in DEMO_LOGINS}
    assert usernames == set(
        Person.objects.filter(region__code=REGION_CODE).values_list("username", flat=True)
    )
    assert all(re.fullmatch(r"[a-z_]+", name) for name in usernames)
    assert Person.objects.get(username="jiaoyu_tb").check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_outline_15_has_its_headings_and_main_indicators() -> None:
    seed_demo()
    plan = outline(2026)
    assert plan.kind == "outline"
    assert plan.status == "in_force"
    assert (plan.start_year, plan.end_year) == (2026, 2030)
    assert plan.approved_on is not None
    assert (plan.approved_on.year, plan.approved_on.month) == (2026, 1)
    assert plan.document_number
    version = plan.current_version
    assert version is not None and version.number == 1 and version.status == "approved"
    levels = Counter(Section.objects.filter(version=version).values_list("level", flat=True))
    assert (levels[1], levels[2]) == (8, 25)
    assert levels[3] >= 60
    chapter = Section.objects.select_related("parent").get(version=version, number="第三章")
    assert chapter.parent is not None and chapter.parent.number == "第一篇"
    assert Section.objects.filter(version=version, level=3, number="第二节").exists()

    indicators = main_indicators(plan)
    assert len(indicators) >= 24
    assert {i.category for i in indicators} == {
        "经济发展",
        "创新驱动",
        "民生福祉",
        "绿色生态",
        "安全保障",
    }
    assert {i.attribute for i in indicators} == {"binding", "expected"}
    for indicator in indicators:
        assert bool(indicator.target_text) != bool(indicator.annual_text), indicator.name
        assert (indicator.baseline_year, indicator.target_year) == (2025, 2030)
        assert indicator.baseline_text
        assert indicator.assignments.filter(role="lead").count() == 1
    assert not next(i for i in indicators if i.name == "城镇调查失业率").higher_is_better
    assert Counter(i.frequency for i in indicators)["quarterly"] >= 4
    assert sum(1 for i in indicators if i.milestones.count() == 5) >= 24
    assert sum(1 for i in indicators if i.definition) >= 5
    if hasattr(Indicator, "target_reading"):  # readings are derived on save, not by bulk_create
        for indicator in indicators:
            column = "target" if indicator.target_text else "annual"
            assert getattr(indicator, f"{column}_reading") is not None, indicator.name
            assert all(m.reading is not None for m in indicator.milestones.all())


@pytest.mark.django_db
def test_main_indicator_targets_use_every_basis() -> None:
    seed_demo()
    phrases = [i.target_text or i.annual_text for i in main_indicators(outline(2026))]
    assert {basis_of(p) for p in phrases} == BASES
    assert any(p.startswith("力争") for p in phrases)
    assert any(p.startswith("控制在") and p.endswith("以内") for p in phrases)


@pytest.mark.django_db
def test_main_indicator_targets_use_every_basis_by_the_parser() -> None:
    parse = pytest.importorskip("lantu.targets.parse")
    seed_demo()
    targets = [
        parse.parse_target(i.target_text or i.annual_text) for i in main_indicators(outline(2026))
    ]
    assert {t.basis for t in targets} == BASES
    assert any(t.hedged for t in targets)


@pytest.mark.django_db
def test_text_targets_keep_phrase_and_sentence() -> None:
    seed_demo()
    plan = outline(2026)
    targets = list(Indicator.objects.filter(version=plan.current_version, source="text"))
    assert len(targets) >= 60
    for target in targets:
        assert target.target_text in target.sentence
        assert target.section is not None and target.section.level == 3
        assert target.name and not target.annual_text
        assert target.assignments.filter(role="lead").exists()
        written = re.search(r"(20\d\d)年", target.target_text)
        assert target.target_year == (int(written[1]) if written else 2030)
    assert any((t.target_year or 2030) < 2030 for t in targets)
    assert (
        Section.objects.filter(version=plan.current_version, level=3).exclude(body="").count() >= 50
    )


@pytest.mark.django_db
def test_tasks_have_units_and_time_nodes() -> None:
    seed_demo()
    tasks = list(Task.objects.filter(version=outline(2026).current_version))
    assert len(tasks) >= 150
    assert len({t.section_id for t in tasks}) >= 50
    roles: Counter[str] = Counter()
    for task in tasks:
        mine = list(task.assignments.all())
        heads = [a for a in mine if a.role in ("lead", "responsible")]
        assert len(heads) == 1, task.title
        assert len(mine) - 1 <= 3
        roles[heads[0].role] += 1
        if heads[0].role == "responsible":
            assert len(mine) == 1
        assert 1 <= task.timenodes.count() <= 2
    assert 0.15 <= roles["responsible"] / len(tasks) <= 0.35
    nodes = TimeNode.objects.filter(task__in=tasks)
    assert {"deadline", "ongoing", "recurring", "period"} <= set(
        nodes.values_list("kind", flat=True)
    )
    assert not nodes.filter(kind="deadline", due__isnull=True).exists()
    for node in nodes:
        assert node.parsed is not None
        assert (node.parsed["text"], node.parsed["kind"]) == (node.text, node.kind)
        local = read_local(node.text)
        assert (node.kind, node.due) == (local.kind, local.due), node.text


@pytest.mark.django_db
def test_projects_have_investment_plans_and_units() -> None:
    seed_demo()
    projects = list(Project.objects.filter(version=outline(2026).current_version))
    assert len(projects) >= 30
    assert {p.category for p in projects} == {
        "industry",
        "infrastructure",
        "urban_renewal",
        "social",
        "ecology",
    }
    assert sum(1 for p in projects if p.key_area_id) >= 5
    assert all(p.key_area.kind == "key_area" for p in projects if p.key_area)
    for project in projects:
        assert isinstance(project.total_investment, Decimal)
        assert project.owner_unit_id and project.content
        years = list(project.investment_plans.values_list("year", flat=True))
        assert years and min(years) >= 2026 and max(years) <= 2030
        assert project.assignments.filter(role="lead").count() == 1
        if project.stage != "preparation":
            assert project.actual_start is not None
    reported = InvestmentPlan.objects.filter(
        project__in=projects, year=2026, completed__isnull=False
    )
    assert reported.count() >= 15
    assert {p.stage for p in projects} >= {"preparation", "started", "completed", "in_use"}


@pytest.mark.django_db
def test_outline_14_is_finished_with_five_years_of_observations() -> None:
    seed_demo()
    plan = outline(2021)
    assert plan.status == "finished"
    indicators = main_indicators(plan)
    assert len(indicators) >= 18
    years = {
        i.pk: set(i.observations.filter(period="Y").values_list("year", flat=True))
        for i in indicators
    }
    full = [pk for pk, ys in years.items() if ys == {2021, 2022, 2023, 2024, 2025}]
    assert len(full) >= len(indicators) - 2
    assert sum(1 for ys in years.values() if len(ys) == 4) >= 2
    assert all(i.baseline_year == 2020 and i.target_year == 2025 for i in indicators)
    assert Observation.objects.filter(indicator__in=indicators).exclude(note="").exists()
    assert Assignment.objects.filter(indicator__in=indicators, role="lead").count() == len(
        indicators
    )


@pytest.mark.django_db
def test_outline_15_has_2026_observations() -> None:
    seed_demo()
    observations = Observation.objects.filter(indicator__version=outline(2026).current_version)
    periods = Counter(observations.values_list("period", flat=True))
    assert periods["Q1"] >= 4 and periods["Q3"] >= 4 and periods["H1"] >= 3
    assert not observations.filter(period="Y").exists()
    assert all(isinstance(o.value, Decimal) for o in observations)


@pytest.mark.django_db
def test_second_seed_changes_nothing() -> None:
    first = seed_demo()
    ids = set(Task.objects.values_list("pk", flat=True))
    assert seed_demo() == first
    assert set(Task.objects.values_list("pk", flat=True)) == ids


@pytest.mark.django_db
def test_reset_rebuilds_the_same_district_even_after_audited_work() -> None:
    first = seed_demo()
    titles = list(Task.objects.order_by("sort_order").values_list("title", flat=True))
    admin = Person.objects.get(username="admin")
    audit.record(
        "demo.test.touched", by=admin, obj=Unit.objects.filter(region__code=REGION_CODE).first()
    )
    old_ids = set(Task.objects.values_list("pk", flat=True))

    again = seed_demo(reset=True)
    assert again == first
    assert not old_ids & set(Task.objects.values_list("pk", flat=True))
    assert list(Task.objects.order_by("sort_order").values_list("title", flat=True)) == titles
    assert Person.objects.get(username="admin").pk == admin.pk  # kept: the audit trail names it


def test_task_composition_is_deterministic() -> None:
    first = compose_tasks(GROUPS, random.Random(2026))
    assert compose_tasks(GROUPS, random.Random(2026)) == first
    assert len({d.title for d in first}) == len(first)


@pytest.mark.django_db
def test_seed_is_fast() -> None:
    started = time.perf_counter()
    summary = seed_demo()
    assert time.perf_counter() - started < 30
    assert isinstance(summary, DemoSummary)


@pytest.mark.django_db
def test_a_cycle_is_open_now_with_units_in_every_state() -> None:
    from lantu.demo.build_projects import TODAY
    from lantu.reporting.models import Cycle, Notification, Report

    seed_demo()
    q3 = Cycle.objects.get(plan=outline(2026), year=2026, period="Q3")
    assert q3.state(TODAY) == "grace"  # past the deadline, still taking reports
    reports = list(q3.reports.all())
    by_unit: dict[int, set[str]] = {}
    for r in reports:
        by_unit.setdefault(r.unit_id, set()).add(r.status)
    states = {frozenset(s) for s in by_unit.values()}
    assert frozenset({"accepted"}) in states  # some units are done
    assert any("submitted" in s for s in states)  # some are in review
    assert any("approved" in s for s in states)  # some wait for acceptance
    assert any("returned" in s for s in states)
    timeliness = Counter(r.timeliness(TODAY) for r in reports)
    assert timeliness["on_time"] and timeliness["late"] and timeliness["missing"]
    assert Notification.objects.filter(kind="overdue").exists()
    # The official figures are the accepted ones: task progress is the last accepted report's.
    accepted = Report.objects.filter(
        cycle=q3, status="accepted", role="lead", task__isnull=False
    ).select_related("task")
    assert accepted and all(r.task.progress == r.progress for r in accepted)
    # Earlier quarters are closed and accepted; the year's cycle is still to come.
    assert not Report.objects.filter(cycle__period__in=["Q1", "Q2"]).exclude(status="accepted")
    assert Cycle.objects.get(plan=outline(2026), year=2026, period="Y").state(TODAY) == "scheduled"


@pytest.mark.django_db
def test_warnings_and_rectifications_in_every_state() -> None:
    from lantu.monitoring.models import Rectification, Warning

    seed_demo()
    warnings = Warning.objects.filter(plan=outline(2026))
    assert {w.state for w in warnings} == {"open", "rectifying", "rectified", "closed"}
    assert warnings.filter(escalated_at__isnull=False).exists()
    assert warnings.filter(closed_how="by_admin").exclude(close_reason="").exists()
    # One item recovered after its rectification was accepted: closed by the recomputation.
    recovered = warnings.get(closed_how="recovered", cause="node_overdue")
    assert recovered.rectifications.get().status == "accepted"
    statuses = set(Rectification.objects.values_list("status", flat=True))
    assert statuses == {"submitted", "accepted", "returned"}
    # Raised by the rules from the data, never twice for one cause.
    keys = [w.cause_key for w in warnings.filter(closed_at__isnull=True)]
    assert len(keys) == len(set(keys)) and {w.cause for w in warnings} >= {
        "light_red", "light_yellow", "node_overdue", "investment_lag"
    }  # fmt: skip


@pytest.mark.django_db
def test_the_overview_of_the_outline_in_force_shows_every_light_and_status() -> None:
    from lantu.demo.build_projects import TODAY
    from lantu.monitoring import standings
    from lantu.monitoring.models import Standing
    from lantu.targets.progress_base import STATUS_ORDER
    from lantu.targets.progress_tasks import TASK_STATUS_ORDER

    seed_demo()
    version = outline(2026).current_version
    assert version is not None
    standings.refresh(version, TODAY)
    rows = Standing.objects.filter(version=version)
    indicators = rows.filter(indicator__isnull=False)
    assert set(indicators.values_list("light", flat=True)) == {"red", "yellow", "green", "none"}
    assert set(indicators.values_list("status", flat=True)) == {str(s) for s in STATUS_ORDER}
    tasks = set(rows.filter(task__isnull=False).values_list("status", flat=True))
    # Every task has had a report accepted this year, so none is without data.
    assert tasks == {str(s) for s in TASK_STATUS_ORDER} - {"暂无数据"}
    # Binding indicators at risk, with the yellow one among them.
    binding = indicators.filter(indicator__attribute="binding", behind=True)
    assert {"red", "yellow"} <= set(binding.values_list("light", flat=True))
