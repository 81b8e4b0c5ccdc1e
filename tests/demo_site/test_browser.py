"""A real browser (Debian's chromium, driven by Playwright) signs in and reads the Outline."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.cast import PASSWORD, Cast, build_cast

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the ORM calls the test makes are still
    # plain synchronous calls, so Django's guard against async misuse is lifted here only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def live_cast(transactional_db: None) -> Cast:
    return build_cast()


def signed_in(page: Any, base: str, username: str) -> list[str]:
    """Sign ``page`` in as ``username``; the list that collects its console errors."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return errors


def test_admin_signs_in_and_sees_the_outline_in_chinese(
    browser: Any, live_server: Any, live_cast: Cast, tmp_path: Any
) -> None:
    page = browser.new_page(locale="en-US")  # Chinese all the same: Chinese first
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + "/")
    assert "登录" in page.title()
    page.fill("#id_username", "wang_admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/plans/*/overview/")  # the DRC starts where the plan stands
    page.click("h1.page-title a")  # the plan's name leads to its home page
    page.wait_for_url("**/plans/*/home/")

    assert "十五五" in page.content()
    heading = page.locator("h1.page-title").inner_text()
    assert heading == live_cast.plan.name
    table = page.locator("table").first.inner_text()
    assert "地区生产总值年均增长率" in table and "新增中小学学位" in table
    assert "约束性" in table and "5左右" in table
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)

    page.select_option("select[name=language]", "en")
    page.wait_for_load_state("networkidle")
    assert "Main indicators" in page.content()

    host = urlsplit(live_server.url).netloc
    assert requested and all(urlsplit(url).netloc == host for url in requested), requested
    # the page's own scripts and styles were served by the app
    assert any("/static/vendor/htmx/" in url for url in requested)
    assert any("/static/vendor/tabler/" in url for url in requested)


def test_reporter_types_a_report_that_saves_itself_then_submits_it(
    browser: Any, live_server: Any, live_cast: Cast, today: Any
) -> None:
    from lantu.reporting import services
    from lantu.reporting.models import Report

    services.generate_cycles(plan=live_cast.plan, year=2026, by=live_cast.wang_admin)
    report = Report.objects.get(cycle__period="H1", task=live_cast.tasks["school"])
    page = browser.new_page()
    errors = signed_in(page, live_server.url, "li_reporter")
    page.goto(f"{live_server.url}/reports/{report.pk}/")

    page.fill("textarea[name=done]", "新开工学校3所")
    page.fill("input[name=progress]", "35")
    page.wait_for_selector("#saved-at")  # the autosave answered
    report.refresh_from_db()
    assert (report.done, report.progress, report.status) == ("新开工学校3所", 35, "draft")

    page.fill("textarea[name=problems]", "用地手续办理较慢")  # typed, then submitted at once
    page.click("button[formaction$='/submit/']")
    page.wait_for_load_state()
    assert "已提交" in page.locator(".alert").first.inner_text()
    report.refresh_from_db()
    assert report.status == "submitted" and report.problems == "用地手续办理较慢"
    assert errors == []


# The bar of the first non-empty cell of a chart, in pixels within the chart's element.
FIRST_BAR = """el => {
  const chart = echarts.getInstanceByDom(el);
  const series = chart.getOption().series;
  for (let row = 0; row < series[0].data.length; row++) {
    let before = 0;
    for (let i = 0; i < series.length; i++) {
      const value = series[i].data[row].value;
      if (value > 0) {
        const [x, y] = chart.convertToPixel({seriesIndex: i}, [before + value / 2, row]);
        return {x, y, url: series[i].data[row].url};
      }
      before += value;
    }
  }
  return null;
}"""


def test_the_overview_draws_its_charts_and_a_bar_opens_its_items(
    browser: Any, live_server: Any, live_cast: Cast, today: Any
) -> None:
    page = browser.new_page(reduced_motion="reduce")  # bars drawn at once, where clicked
    errors = signed_in(page, live_server.url, "wang_admin")
    page.goto(f"{live_server.url}/plans/{live_cast.plan.pk}/overview/")
    charts = page.locator(".lantu-chart")
    assert charts.count() == 5
    for i in range(charts.count()):  # ECharts drew each one into a canvas of its size
        box = charts.nth(i).locator("canvas").first.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
    chart = charts.first
    bar = chart.evaluate(FIRST_BAR)
    assert bar is not None and bar["url"].startswith("?show=ind-attr%3A")
    chart.scroll_into_view_if_needed()
    origin = chart.bounding_box()  # in the viewport, where the mouse clicks
    assert origin is not None
    page.mouse.click(origin["x"] + bar["x"], origin["y"] + bar["y"])
    page.wait_for_url(re.compile(r"/overview/\?show=ind-attr"))
    assert page.locator("#items h3").inner_text().startswith("约束性")
    listed = page.locator("#items table").inner_text()
    names = [ind.name for ind in live_cast.indicators.values()]
    assert any(name in listed for name in names)
    # An indicator's own chart: baseline, target and figures on a time axis.
    page.goto(f"{live_server.url}/indicators/{live_cast.indicators['gdp'].pk}/")
    canvas = page.locator(".lantu-item-chart canvas").first
    canvas.wait_for()
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 100
    assert errors == []
