from __future__ import annotations

import pytest

from lantu.core.models import Region
from lantu.core.permissions import allowed, can, restrict
from lantu.division.models import Assignment, TimeNode
from lantu.indicators.models import Observation
from lantu.organizations.models import Membership, Unit
from lantu.organizations.services import save_unit
from lantu.tasks.models import Task
from tests.cast import Cast


def test_scope_own_sees_only_items_assigned_to_the_unit(cast: Cast) -> None:
    seen = set(restrict(Task.objects.all(), cast.zhao_street, "view"))
    assert seen == {cast.tasks["shared"], cast.tasks["street"]}


def test_scope_subtree_covers_the_units_below(cast: Cast) -> None:
    membership = Membership.objects.get(person=cast.li_reporter)
    membership.unit = cast.units["government"]
    membership.scope = "subtree"
    membership.save()
    person = type(cast.li_reporter).objects.get(pk=cast.li_reporter.pk)
    assert restrict(Task.objects.all(), person, "view").count() == 3


def test_scope_chosen_covers_the_portfolio(cast: Cast) -> None:
    membership = Membership.objects.get(person=cast.chen_leader)
    membership.scope = "chosen"
    membership.save()
    membership.chosen_units.set([cast.units["street"]])
    person = type(cast.chen_leader).objects.get(pk=cast.chen_leader.pk)
    assert set(restrict(Task.objects.all(), person, "view")) == {
        cast.tasks["shared"],
        cast.tasks["street"],
    }


def test_related_rows_follow_their_items_scope(cast: Cast) -> None:
    assert restrict(Observation.objects.all(), cast.li_reporter, "view").count() == 0
    assert restrict(Observation.objects.all(), cast.wang_admin, "view").count() == 1
    nodes = restrict(TimeNode.objects.all(), cast.zhao_street, "view")
    assert {n.task for n in nodes} == {cast.tasks["shared"], cast.tasks["street"]}
    assignments = restrict(Assignment.objects.all(), cast.zhao_street, "view")
    # the street sees the whole division of the items it works on, partners included
    assert {a.item for a in assignments} == {
        cast.tasks["shared"],
        cast.tasks["street"],
        cast.project,
    }
    assert cast.units["education"] in {a.unit for a in assignments}


def test_reporters_and_leaders_cannot_change_the_plan(cast: Cast) -> None:
    for person in (cast.li_reporter, cast.chen_leader, cast.liu_congress, cast.sun_sysadmin):
        assert restrict(Task.objects.all(), person, "change").count() == 0
        assert not allowed(person, "add", Task)
    assert can(cast.wang_admin, "change", cast.tasks["school"])


def test_the_three_administrators_are_separated(cast: Cast) -> None:
    assert allowed(cast.sun_sysadmin, "add", Unit) and not allowed(
        cast.sun_sysadmin, "add", Membership
    )
    assert allowed(cast.qian_security, "add", Membership) and not allowed(
        cast.qian_security, "add", Unit
    )
    from lantu.core.models import AuditEvent

    assert allowed(cast.wu_auditor, "view", AuditEvent)
    assert not allowed(cast.sun_sysadmin, "view", AuditEvent)
    assert not allowed(cast.wu_auditor, "change", Unit)


def test_region_fences_everything(cast: Cast) -> None:
    other = Region.objects.create(code="990199", name="别的区", level="county")
    unit = save_unit(by=None, data={"name": "别的区发展改革委", "kind": "department"}, region=other)
    assert unit not in restrict(Unit.objects.all(), cast.wang_admin, "view")


def test_inactive_people_and_strangers_see_nothing(cast: Cast) -> None:
    cast.wang_admin.is_active = False
    assert restrict(Task.objects.all(), cast.wang_admin, "view").count() == 0
    assert restrict(Task.objects.all(), cast.outsider, "view").count() == 0


def test_unknown_action_is_a_programming_error(cast: Cast) -> None:
    with pytest.raises(ValueError):
        restrict(Task.objects.all(), cast.wang_admin, "approve")
