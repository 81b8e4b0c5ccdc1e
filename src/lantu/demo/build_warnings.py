"""The demo's warnings (预警) and rectifications (整改) on the demo's today.

The warnings are raised by the real rules from the accepted data and the late reports the
reporting seed leaves; then the units that have a demo login answer some of them, so that every
state appears: open, rectifying, rectified, returned for another answer, closed by the
administrator with a reason, escalated to the unit's leader after going unanswered, and closed
because the item recovered: an overdue time node whose rectification was accepted and which the
unit then met, so the next recomputation closes its warning by itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from lantu.core import clock
from lantu.demo.build_projects import TODAY
from lantu.division.models import TimeNode
from lantu.monitoring import services
from lantu.monitoring.models import Warning
from lantu.organizations.models import Person
from lantu.plans.models import Plan

ANSWERS = (
    ("受用地报批进度影响,开工时间推迟", "已与区规划资源局对接,加快办理用地手续,倒排工期"),
    ("上游统计口径调整,数据暂未更新", "与区统计局核对口径,下季度起按新口径报送"),
    ("资金拨付滞后,项目进度放缓", "申请追加年度资金,督促施工单位增加作业面"),
    ("跨部门协调事项较多,推进缓慢", "召开专题协调会,明确责任分工和时间节点"),
)
REPORTERS = ("jiaoyu_tb", "weijian_tb", "keji_tb", "dongfeng_tb", "jiangbin_tb")


def create_warnings(*, plan: Plan) -> None:
    admin = Person.objects.get(username="admin")
    services.refresh(plan=plan, today=TODAY, by=admin)
    reporters = list(Person.objects.filter(username__in=REPORTERS))
    answerable: list[tuple[Warning, Person]] = []
    for warning in Warning.objects.filter(plan=plan, closed_at__isnull=True).order_by("pk"):
        person = next((p for p in reporters if services.may_answer(p, warning)), None)
        if person is not None:
            answerable.append((warning, person))
    expected = max(TODAY, clock.today()) + dt.timedelta(days=30)
    # Every fifth answerable warning gets a story; the rest stay open, as most do.
    stories = ("rectifying", "rectified", "returned", "closed", "escalated")
    for number, (warning, person) in enumerate(answerable[::5][: len(stories) * 2]):
        story = stories[number % len(stories)]
        cause, measures = ANSWERS[number % len(ANSWERS)]
        _play(story, warning, person, admin, cause, measures, expected)
    services.escalate(today=TODAY, plan=plan, by=admin)
    overdue = [pair for pair in answerable if pair[0].cause == Warning.Cause.NODE_OVERDUE]
    _recover(plan, overdue, expected)


def _recover(plan: Plan, overdue: list[tuple[Warning, Person]], expected: dt.date) -> None:
    """The last unanswered overdue time node: answered, accepted, then met; recomputing the
    warnings closes it as recovered."""
    admin = Person.objects.get(username="admin")
    untouched = [(w, p) for w, p in overdue if not w.rectifications.exists()]
    if not untouched:
        return
    warning, person = untouched[-1]
    cause, measures = ANSWERS[3]
    rect = services.submit_rectification(
        warning=warning, by=person, cause=cause, measures=measures, expected_on=expected
    )
    services.accept_rectification(rectification=rect, by=admin)
    node = TimeNode.objects.get(pk=int(warning.cause_key.rsplit(":", 1)[1]))
    node.met_on = TODAY - dt.timedelta(days=3)
    node.save(update_fields=["met_on", "updated_at"])
    services.refresh(plan=plan, today=TODAY, by=admin)


def _play(
    story: str, warning: Warning, person: Person, admin: Any, cause: str, measures: str,
    expected: dt.date,
) -> None:  # fmt: skip
    if story == "closed":
        services.close(warning=warning, by=admin, reason="已纳入区政府专题会议督办,统一销号")
        return
    if story == "escalated":
        # Raised three weeks ago and never answered: the nightly run sends it up.
        raised = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=21), dt.time(2)))
        Warning.objects.filter(pk=warning.pk).update(raised_at=raised)
        return
    rect = services.submit_rectification(
        warning=warning, by=person, cause=cause, measures=measures, expected_on=expected
    )
    if story == "rectified":
        services.accept_rectification(rectification=rect, by=admin)
    elif story == "returned":
        services.return_rectification(
            rectification=rect, by=admin, reason="整改措施不够具体,请明确完成时限和责任人"
        )
