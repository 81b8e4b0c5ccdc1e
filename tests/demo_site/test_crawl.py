"""Crawl the demo as each of its people: every page opens, and nothing comes from another host.

Government intranets have no internet, so a page that loads a script, style, font or image from
another host is broken there. Each kind of page is visited a few times (ids and page numbers
are folded into one pattern), which covers every page the demo has without visiting all 150
tasks.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from lantu.demo.seed import DEMO_LOGINS, seed_demo

LOCAL_HOSTS = {"", "testserver"}
PER_PATTERN = 2
MAX_PAGES = 400


class Links(HTMLParser):
    """Collects every URL a page refers to, and which of them are links to follow."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.follow: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in {"href", "src", "action", "srcset", "poster", "data", "hx-get"}:
                self.references.append(value)
                if tag == "a" and name == "href":
                    self.follow.append(value)
            if value and name == "style" and "url(" in value:
                self.references += re.findall(r"url\(['\"]?([^)'\"]+)", value)


def is_external(url: str) -> bool:
    url = url.strip()
    if url.startswith(("#", "data:", "mailto:", "tel:", "javascript:")):
        return False
    netloc = urlsplit(url).netloc
    return bool(netloc) and netloc not in LOCAL_HOSTS


def pattern(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(sorted(p.split("=")[0] for p in parts.query.split("&") if p))
    return re.sub(r"\d+", "N", parts.path) + "?" + query


def crawl(client: Client) -> tuple[dict[str, int], list[tuple[str, str]]]:
    seen_patterns: dict[str, int] = {}
    visited: dict[str, int] = {}
    external: list[tuple[str, str]] = []
    queue = deque(["/"])
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        if url in visited:
            continue
        key = pattern(url)
        if seen_patterns.get(key, 0) >= PER_PATTERN:
            continue
        seen_patterns[key] = seen_patterns.get(key, 0) + 1
        response = client.get(url, follow=True)
        visited[url] = response.status_code
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for ref in parser.references:
            if is_external(ref):
                external.append((url, ref))
        for href in parser.follow:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc in LOCAL_HOSTS and parts.path.startswith("/") and not is_external(href):
                if parts.path.startswith(("/static/", "/django-admin/", "/api/")):
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return visited, external


@pytest.mark.django_db
def test_every_demo_page_opens_and_loads_nothing_from_another_host() -> None:
    seed_demo()
    for login in DEMO_LOGINS:
        username = login[0]
        client = Client()
        assert client.login(username=username, password="lantu-demo"), username
        visited, external = crawl(client)
        failures = {url: status for url, status in visited.items() if status != 200}
        assert not failures, (username, failures)
        assert not external, (username, external)
        assert len(visited) >= 3, (username, visited)


def test_the_crawler_would_catch_an_external_reference() -> None:
    assert is_external("https://cdn.example.com/htmx.js")
    assert is_external("//cdn.example.com/echarts.js")
    assert not is_external("/static/vendor/htmx/htmx.min.js")
    assert not is_external("?page=2")
    assert not is_external("data:image/svg+xml,<svg/>")
    parser = Links()
    parser.feed(
        '<link href="https://fonts.example.com/x.css"><img style="background:url(//a.b/c)">'
    )
    assert [r for r in parser.references if is_external(r)] == [
        "https://fonts.example.com/x.css",
        "//a.b/c",
    ]


@pytest.mark.django_db
def test_static_files_refer_to_no_other_host() -> None:
    from django.contrib.staticfiles import finders

    offenders = []
    for path in (
        "vendor/tabler/css/tabler.min.css",
        "lantu/lantu.css",
    ):
        found = finders.find(path)
        assert found, path
        text = Path(found).read_text(encoding="utf-8")
        for ref in re.findall(r"url\(['\"]?([^)'\"]+)", text):
            if ref.startswith(("http://", "https://", "//")):
                offenders.append((path, ref))
        offenders += [
            (path, m) for m in re.findall(r"@import\s+url\(['\"]?(https?:[^)'\"]+)", text)
        ]
    assert not offenders, offenders
