"""Create, edit, archive and history through the pages, as the plan administrator would."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lantu.core.models import AuditEvent
from lantu.indicators.models import Indicator
from tests.cast import Cast


def test_admin_edits_an_indicator_and_the_change_is_audited(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    ind = cast.indicators["gdp"]
    url = reverse("indicators-edit", args=[ind.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update({"annual_text": "5.5左右", "version": cast.version.pk, "section": ""})
    response = client.post(url, data, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302, response.context["form"].errors
    ind.refresh_from_db()
    assert ind.annual_text == "5.5左右"
    event = AuditEvent.objects.get(action="indicators.indicator.changed")
    assert event.actor == cast.wang_admin
    assert event.ip == "10.1.2.3"
    assert event.before["annual_text"] == "5左右"
    assert event.after["annual_text"] == "5.5左右"
    history = client.get(reverse("indicators-history", args=[ind.pk])).content.decode()
    assert "5.5左右" in history and "10.1.2.3" in history


def test_admin_creates_a_task_from_the_form(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    response = client.post(
        reverse("tasks-create"),
        {"version": cast.version.pk, "title": "建设智慧城市运行管理中心", "sort_order": 9},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="tasks.task.created").count() == 1


def test_invalid_form_shows_errors_and_saves_nothing(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    before = Indicator.objects.count()
    response = client.post(reverse("indicators-create"), {"name": "", "version": "nonsense"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Indicator.objects.count() == before
    assert not AuditEvent.objects.filter(action="indicators.indicator.created").exists()


def test_archived_items_leave_lists_but_keep_their_page(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    task = cast.tasks["street"]
    assert client.post(reverse("tasks-archive", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.is_archived
    assert task.title not in client.get(reverse("tasks-list")).content.decode()
    assert task.title in client.get(reverse("tasks-list") + "?archived=1").content.decode()
    assert client.get(reverse("tasks-detail", args=[task.pk])).status_code == 200


def test_form_offers_only_units_the_person_may_see(cast: Cast, client_for: Any) -> None:
    client = client_for("qian_security")
    form = client.get(reverse("memberships-create")).context["form"]
    assert set(form.fields["unit"].queryset) == set(cast.units.values())


def test_moving_a_unit_moves_its_subtree(cast: Cast, client_for: Any) -> None:
    client = client_for("sun_sysadmin")
    street = cast.units["street"]
    response = client.post(
        reverse("units-create"),
        {"name": "东湖街道社区事务受理中心", "kind": "other", "parent": street.pk, "sort_order": 0},
    )
    assert response.status_code == 302
    child = street.children.get()
    assert child.path == f"{street.path}{child.pk}/"
    response = client.post(
        reverse("units-edit", args=[street.pk]),
        {
            "name": street.name,
            "kind": street.kind,
            "parent": cast.units["committee"].pk,
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    child.refresh_from_db()
    street.refresh_from_db()
    assert street.path == f"{cast.units['committee'].path}{street.pk}/"
    assert child.path == f"{street.path}{child.pk}/"


def test_a_unit_cannot_be_put_under_its_own_subtree(cast: Cast, client_for: Any) -> None:
    client = client_for("sun_sysadmin")
    government = cast.units["government"]
    response = client.post(
        reverse("units-edit", args=[government.pk]),
        {
            "name": government.name,
            "kind": "government",
            "parent": cast.units["street"].pk,
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    assert "不能把单位放到它自身或其下级单位之下" in str(
        response.context["form"].non_field_errors()
    )


def test_list_search_filter_and_sort(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    page = client.get(reverse("tasks-list"), {"q": "老旧小区"}).content.decode()
    assert "完成东湖街道老旧小区改造" in page and "新建改扩建中小学校12所" not in page
    response = client.get(reverse("tasks-list"), {"unit": cast.units["education"].pk})
    titles = [row.title for row, _cells in response.context["rows"]]
    assert sorted(titles) == sorted(["新建改扩建中小学校12所", "推进东湖片区教育资源均衡"])
    response = client.get(
        reverse("tasks-list"), {"unit": cast.units["education"].pk, "role": "lead"}
    )
    assert [row.title for row, _c in response.context["rows"]] == ["新建改扩建中小学校12所"]
    response = client.get(reverse("indicators-list"), {"sort": "-baseline_value"})
    names = [row.name for row, _c in response.context["rows"]]
    assert names == ["地区生产总值年均增长率", "新增中小学学位"]


def test_division_page_lists_the_units_work_by_due_date(cast: Cast, client_for: Any) -> None:
    response = client_for("li_reporter").get(reverse("division-mine"))
    items = [a.item for a in response.context["page"]]
    # the shared task is due 2026, the school task 2027; the indicator has no time node
    assert items == [cast.tasks["shared"], cast.tasks["school"], cast.indicators["school"]]
    roles = [a.role for a in response.context["page"]]
    assert roles == ["cooperating", "lead", "lead"]
    response = client_for("li_reporter").get(reverse("division-mine"), {"sort": "-due"})
    assert next(iter(response.context["page"])).item == cast.tasks["school"]


def test_admin_adds_a_cooperating_unit_and_a_time_node_from_the_tasks_page(
    cast: Cast, client_for: Any
) -> None:
    client = client_for("wang_admin")
    task = cast.tasks["school"]
    page = client.get(reverse("tasks-detail", args=[task.pk])).content.decode()
    add_unit = f"{reverse('assignments-create')}?task={task.pk}"
    assert add_unit in page
    form = client.get(add_unit).context["form"]
    assert str(form.initial["task"]) == str(task.pk)
    response = client.post(
        reverse("assignments-create"),
        {"task": task.pk, "unit": cast.units["town"].pk, "role": "cooperating", "sort_order": 1},
    )
    assert response.status_code == 302
    assert task.assignments.filter(unit=cast.units["town"], role="cooperating").exists()
    response = client.post(
        reverse("timenodes-create"), {"task": task.pk, "text": "2026年第四季度", "sort_order": 1}
    )
    assert response.status_code == 302
    node = task.timenodes.get(text="2026年第四季度")
    assert node.kind == "deadline" and str(node.due) == "2026-12-31"


def test_an_assignment_names_exactly_one_item(cast: Cast, client_for: Any) -> None:
    client = client_for("wang_admin")
    response = client.post(
        reverse("assignments-create"),
        {
            "task": cast.tasks["school"].pk,
            "project": cast.project.pk,
            "unit": cast.units["town"].pk,
            "role": "lead",
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_system_administrator_sets_a_password_and_it_is_audited(
    cast: Cast, client_for: Any
) -> None:
    url = reverse("people-password", args=[cast.li_reporter.pk])
    assert client_for("wang_admin").get(url).status_code == 404
    client = client_for("sun_sysadmin")
    weak = client.post(url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200 and weak.context["form"].errors
    strong = "Lantu-更安全-2026!"
    response = client.post(url, {"new_password1": strong, "new_password2": strong})
    assert response.status_code == 302
    cast.li_reporter.refresh_from_db()
    assert cast.li_reporter.check_password(strong)
    event = AuditEvent.objects.get(action="organizations.person.password_set")
    assert event.actor == cast.sun_sysadmin and strong not in str(event.after)
