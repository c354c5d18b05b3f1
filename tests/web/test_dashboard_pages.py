"""The dashboard's pages rendered by the real application over an ingested store."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from clampdown.web.charts import stacked_by_month
from clampdown.web.segments import document_segments


def _case_id(web: TestClient, **params: str) -> int:
    return web.get("/api/cases", params=params).json()["items"][0]["id"]


def _no_foreign_resources(html: str) -> None:
    assert "<script" not in html.lower()
    for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert not attr.startswith("//")
        if attr.startswith("http"):  # only article links, never resources
            assert attr.startswith("https://") and ".example/" in attr, attr
    assert 'rel="stylesheet" href="/static/style.css"' in html


@pytest.mark.parametrize("path", ["/", "/cases", "/entities", "/cases?target=Telegram",
                                  "/cases?type=FINE&sort=-amount",
                                  "/cases?conflicts=true&min_sources=2"])
def test_pages_render_without_scripts_from_anywhere(web: TestClient, path: str) -> None:
    r = web.get(path)
    assert r.status_code == 200, r.text
    assert "script-src" not in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]
    _no_foreign_resources(r.text)
    assert '<html lang="en">' in r.text and 'name="viewport"' in r.text


def test_overview(web: TestClient) -> None:
    html = web.get("/").text
    assert "<svg" in html and 'role="img"' in html and "<rect" in html
    assert "Most targeted" in html and "Most active authorities" in html
    assert "Fines imposed, per platform" in html and "Facebook" in html
    assert 'href="/cases?target=' in html


def test_case_page_shows_evidence_sources_conflicts_and_check(web: TestClient) -> None:
    case_id = _case_id(web, type="FINE", target="Telegram")
    html = web.get(f"/cases/{case_id}").text
    assert "<mark>MOSCOW (Wire) - A Moscow court on Wednesday fined Telegram 5 million" in html
    assert "republished copy" in html and "origin" in html
    assert "Where sources disagree" in html and "6,000,000 RUB" in html
    assert "consistent" in html  # the articles' 55,000 euros is close to the ECB rate
    assert html.count('class="report') == 3


def test_article_text_is_escaped_everywhere(web: TestClient) -> None:
    case_id = _case_id(web, type="BLOCK", target="Twitter")
    case = web.get(f"/api/cases/{case_id}").json()
    doc_id = case["origin_doc_id"]
    for path in (f"/cases/{case_id}", f"/documents/{doc_id}", "/cases?target=Twitter",
                 f"/cases?q={'<script>'}"):
        html = web.get(path).text
        assert "<script>" not in html, path
        assert "&lt;script&gt;alert(" in html, path


def test_document_page_marks_every_evidence(web: TestClient) -> None:
    doc = web.get("/api/events", params={"q": "Data Protection"}).json()["items"][0]["doc_id"]
    html = web.get(f"/documents/{doc}").text
    assert "<mark" in html and "fined Meta 1.2 billion euros" in html
    assert "Record EU privacy fine for Meta" in html


def test_entity_page(web: TestClient) -> None:
    tg = web.get("/api/cases", params={"target": "Telegram"}).json()["items"][0]["target"]["id"]
    html = web.get(f"/entities/{tg}").text
    assert "<h1>Telegram</h1>" in html and "Timeline" in html and "Fined" in html


def test_bad_filters_come_back_as_the_form_with_the_message(web: TestClient) -> None:
    r = web.get("/cases", params={"since": "2021-13"})
    assert r.status_code == 422
    assert 'role="alert"' in r.text and "not a calendar date" in r.text
    assert '<form class="filters"' in r.text


def test_missing_pages_are_html_404(web: TestClient) -> None:
    for path in ("/cases/99999", "/documents/99999", "/entities/99999", "/nowhere"):
        r = web.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
        assert 'role="alert"' in r.text


def test_pages_label_every_form_field(web: TestClient) -> None:
    html = web.get("/cases").text
    fields = re.findall(r"<(input|select)\b", html)
    labelled = re.findall(r"<label[^>]*>[^<]*(?:<[^>]+>[^<]*)*?<(?:input|select)\b", html)
    assert fields and len(labelled) == len(fields)
    assert 'class="skip" href="#main"' in html


def test_chart_geometry_stacks_and_keeps_gaps() -> None:
    rows = [{"month": "2021-01", "type": "FINE", "cases": 2},
            {"month": "2021-01", "type": "BLOCK", "cases": 1},
            {"month": "2021-04", "type": "FINE", "cases": 4}]
    chart = stacked_by_month(rows)
    assert chart.months == ["2021-01", "2021-02", "2021-03", "2021-04"]
    jan = [b for b in chart.bars if b.month == "2021-01"]
    assert sum(b.h for b in jan) == pytest.approx(
        max(b.h for b in chart.bars if b.month == "2021-04") * 3 / 4)
    assert chart.total == 7 and chart.y_ticks[-1][1] >= 4


def test_segments_cover_the_text_and_mark_overlaps() -> None:
    text = "First para one.\n\nSecond para two three."
    events = [{"start": 17, "end": 39, "event_id": 1, "case_id": 1, "type": "FINE"},
              {"start": 29, "end": 39, "event_id": 2, "case_id": 2, "type": "BLOCK"}]
    paras = document_segments(text, events)
    assert ["".join(r["text"] for r in p) for p in paras] == ["First para one.",
                                                             "Second para two three."]
    marked = [(r["text"], [e["event_id"] for e in r["events"]]) for r in paras[1]]
    assert marked == [("Second para ", [1]), ("two three.", [1, 2])]


def test_a_submitted_form_keeps_more_filters_closed_unless_used(web: TestClient) -> None:
    form = {"q": "", "target": "Telegram", "type": "", "actor": "", "entity": "",
            "country": "", "status": "", "since": "", "until": "", "min_sources": "",
            "sort": "-date"}
    html = web.get("/cases", params=form).text
    assert '<details class="more">' in html
    html = web.get("/cases", params={**form, "country": "RU"}).text
    assert '<details class="more" open>' in html
