"""The demo's 15th Outline, downloaded as .docx and imported into an empty plan, comes back."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from django.test import Client
from django.urls import reverse

from lantu.demo.seed import seed_demo
from lantu.indicators.models import Indicator
from lantu.ingest import services
from lantu.organizations.models import Person
from lantu.plans.models import Plan, Section


@pytest.mark.django_db
def test_demo_outline_downloads_and_imports_into_an_empty_plan(settings: Any) -> None:
    seed_demo()
    admin = Person.objects.get(username="admin")
    client = Client()
    client.force_login(admin)
    outline = Plan.objects.get(kind="outline", status="in_force")
    response = client.get(reverse("plan-outline-docx", args=[outline.pk]))
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    document = docx.Document(io.BytesIO(data))
    assert any(outline.name in p.text for p in document.paragraphs)

    empty = Plan.objects.create(
        region=outline.region, name="测试空白规划", kind="outline", start_year=2026, end_year=2030
    )
    imported = services.start_import(by=admin, plan_id=empty.pk, data=data, file_name="纲要.docx")
    services.decide(findings=imported.findings.all(), decision="accepted", by=admin)
    services.apply_import(outline_import=imported, by=admin)
    empty.refresh_from_db()
    version, source = empty.current_version, outline.current_version

    def titles(v: Any) -> list[tuple[str, str]]:
        return list(
            Section.objects.filter(version=v)
            .order_by("sort_order", "id")
            .values_list("number", "title")
        )

    assert titles(version) == titles(source)
    main = Indicator.objects.filter(source="main_table").order_by("sort_order", "id")
    assert [(i.name, i.target_text, i.annual_text) for i in main.filter(version=version)] == [
        (i.name, i.target_text, i.annual_text) for i in main.filter(version=source)
    ]
    text = Indicator.objects.filter(source="text")
    found = set(text.filter(version=version).values_list("sentence", flat=True))
    expected = set(text.filter(version=source).values_list("sentence", flat=True))
    assert len(found & expected) >= 0.95 * len(expected)
