"""An Outline import under review: findings are decided one by one or in bulk, then applied."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from lantu.core.models import AuditEvent
from lantu.core.services import DomainError
from lantu.indicators.models import Indicator
from lantu.ingest import services
from lantu.ingest.models import OutlineImport
from lantu.plans.models import Section
from lantu.tasks.models import Task
from tests.cast import Cast


@dataclass
class Found:
    data: dict[str, Any]
    source: str = ""
    block: int = 0


@dataclass
class FakeFindings:
    """What the finder returns, in its shape (``to_json`` and the per-kind lists)."""

    sections: list[Found] = field(default_factory=list)
    indicators: list[Found] = field(default_factory=list)
    text_targets: list[Found] = field(default_factory=list)
    tasks: list[Found] = field(default_factory=list)

    def to_json(self) -> dict[str, list[dict[str, Any]]]:
        return {
            k: [f.data for f in getattr(self, k)]
            for k in ("sections", "indicators", "text_targets", "tasks")
        }


def outline() -> FakeFindings:
    return FakeFindings(
        sections=[
            Found(
                {"level": 1, "number": "第四章", "title": "建设教育强区"}, "第四章 建设教育强区", 0
            ),
            Found(
                {"level": 2, "number": "第一节", "title": "优化基础教育"}, "第一节 优化基础教育", 1
            ),
        ],
        indicators=[
            Found(
                {
                    "category": "民生福祉",
                    "name": "每千人口拥有3岁以下婴幼儿托位数",
                    "unit": "个",
                    "baseline": "2.8",
                    "target": "4.5",
                    "annual_or_cumulative": None,
                    "attribute": "预期性",
                },
                "4 民生福祉 每千人口拥有3岁以下婴幼儿托位数 个 2.8 4.5 - 预期性",
                3,
            )
        ],
        text_targets=[
            Found(
                {
                    "sentence": "到2030年,新增中小学学位1.2万个。",
                    "subject": "中小学学位",
                    "expression": "新增中小学学位1.2万个",
                    "year": 2030,
                },
                "到2030年,新增中小学学位1.2万个。",
                2,
            )
        ],
        tasks=[
            Found(
                {
                    "section_number": "第一节",
                    "text": "推进学区化集团化办学,扩大优质教育资源覆盖面。",
                },
                "推进学区化集团化办学,扩大优质教育资源覆盖面。",
                2,
            ),
        ],
    )


@pytest.fixture
def fake_finder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "_read", lambda data: outline())


def start(cast: Cast) -> OutlineImport:
    return services.start_import(
        by=cast.wang_admin, plan_id=cast.plan.pk, data=b"any", file_name="纲要.docx"
    )


def test_findings_wait_for_review_and_nothing_is_saved_before(
    cast: Cast, fake_finder: None
) -> None:
    sections = Section.objects.count()
    outline_import = start(cast)
    assert outline_import.findings.count() == 5
    assert set(outline_import.findings.values_list("decision", flat=True)) == {"pending"}
    assert Section.objects.count() == sections
    with pytest.raises(DomainError, match="not decided"):
        services.apply_import(outline_import=outline_import, by=cast.wang_admin)


def test_accepted_findings_become_plan_content_linked_to_their_section(
    cast: Cast, fake_finder: None
) -> None:
    outline_import = start(cast)
    findings = list(outline_import.findings.all())
    task = next(f for f in findings if f.kind == "task")
    services.decide(
        findings=[f for f in findings if f != task], decision="accepted", by=cast.wang_admin
    )
    services.decide(findings=[task], decision="rejected", by=cast.wang_admin)
    counts = services.apply_import(outline_import=outline_import, by=cast.wang_admin)
    assert counts == {"created": 4, "changed": 0, "unchanged": 0}
    chapter = Section.objects.get(title="建设教育强区")
    part = Section.objects.get(title="优化基础教育")
    assert part.parent == chapter and part.level == 2
    target = Indicator.objects.get(source="text", name="中小学学位")
    assert target.section == part and target.target_text == "新增中小学学位1.2万个"
    assert target.target_reading["basis"] == "increment"
    main = Indicator.objects.get(name="每千人口拥有3岁以下婴幼儿托位数")
    assert main.baseline_value == Decimal("2.8") and main.attribute == "expected"
    assert not Task.objects.filter(content__startswith="推进学区化").exists()
    assert AuditEvent.objects.filter(action="ingest.outlineimport.applied").count() == 1
    outline_import.refresh_from_db()
    assert outline_import.status == "applied"


def test_a_revised_file_shows_what_changed(cast: Cast, fake_finder: None, monkeypatch: Any) -> None:
    first = start(cast)
    services.decide(findings=first.findings.all(), decision="accepted", by=cast.wang_admin)
    services.apply_import(outline_import=first, by=cast.wang_admin)
    revised = outline()
    revised.indicators[0].data["target"] = "5"
    monkeypatch.setattr(services, "_read", lambda data: revised)
    second = start(cast)
    changes = dict(second.findings.values_list("kind", "change").order_by("kind"))
    assert changes["indicator"] == "changed" and changes["section"] == "unchanged"
    indicator = second.findings.get(kind="indicator")
    assert indicator.before["target"] == "4.5" and indicator.data["target"] == "5"
    services.decide(findings=second.findings.all(), decision="accepted", by=cast.wang_admin)
    counts = services.apply_import(outline_import=second, by=cast.wang_admin)
    assert counts["changed"] == 1 and counts["created"] == 0
    assert Indicator.objects.get(name="每千人口拥有3岁以下婴幼儿托位数").target_text == "5"


def test_an_edited_finding_is_saved_as_corrected(cast: Cast, fake_finder: None) -> None:
    outline_import = start(cast)
    target = outline_import.findings.get(kind="text_target")
    services.edit_finding(finding=target, data={"subject": "新增中小学学位"}, by=cast.wang_admin)
    target.refresh_from_db()
    assert target.decision == "accepted" and target.found["subject"] == "中小学学位"
    with pytest.raises(DomainError):
        services.edit_finding(finding=target, data={"password": "x"}, by=cast.wang_admin)


def test_review_pages_for_the_plan_administrator_only(
    cast: Cast, fake_finder: None, client_for: Any
) -> None:
    outline_import = start(cast)
    url = reverse("import-review", args=[outline_import.pk])
    for username in ("li_reporter", "chen_leader", "sun_sysadmin"):
        assert client_for(username).get(url).status_code == 404
        assert client_for(username).get(reverse("import-upload")).status_code == 403
    client = client_for("wang_admin")
    page = client.get(url, {"kind": "text_target"})
    assert page.status_code == 200 and "新增中小学学位1.2万个" in page.content.decode()
    finding = outline_import.findings.get(kind="task")
    response = client.post(
        reverse("import-decide", args=[outline_import.pk]),
        {"finding": finding.pk, "decision": "rejected"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and f'id="finding-{finding.pk}"' in response.content.decode()
    response = client.post(
        reverse("import-decide", args=[outline_import.pk]),
        {"all_of_kind": "section", "decision": "accepted"},
    )
    assert outline_import.findings.filter(kind="section", decision="accepted").count() == 2
    # the page's own "accept all on this tab" form carries a decision
    page = client.get(url, {"kind": "task"}).content.decode()
    assert 'id="accept-all"' in page and 'name="decision" value="accepted"' in page
    edit = reverse(
        "import-edit", args=[outline_import.pk, outline_import.findings.get(kind="indicator").pk]
    )
    assert client.get(edit).status_code == 200


def test_bad_upload_is_refused_with_a_clear_message(cast: Cast, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("wang_admin")
    response = client.post(
        reverse("import-upload"),
        {"plan": cast.plan.pk, "file": SimpleUploadedFile("纲要.docx", b"\x00\x01garbage")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not OutlineImport.objects.exists()


def test_the_api_runs_the_whole_import(cast: Cast, fake_finder: None, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("wang_admin")
    api = "/api/v1/outline-imports"
    upload = client.post(api, {"plan": cast.plan.pk, "file": SimpleUploadedFile("纲要.docx", b"x")})
    assert upload.status_code == 201, upload.content
    pk = upload.json()["id"]
    found = client.get(f"{api}/{pk}/findings", {"kind": "text_target"}).json()
    assert found[0]["data"]["expression"] == "新增中小学学位1.2万个"
    for kind in ("section", "indicator", "text_target", "task"):
        response = client.post(
            f"{api}/{pk}/decisions",
            {"decision": "accepted", "kind": kind},
            content_type="application/json",
        )
        assert response.status_code == 200
    applied = client.post(f"{api}/{pk}/apply")
    assert applied.status_code == 200 and applied.json()["created"] == 5
    assert client_for("li_reporter").get(f"{api}/{pk}").status_code in (403, 404)
