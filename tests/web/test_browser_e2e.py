"""End to end: the real server on loopback, driven by Debian's chromium through Playwright.

A person opens the overview, filters to one platform, opens a case and reads its evidence
and sources; an article whose text holds a <script> tag shows it as text. A screenshot of
each page is written under build/. Skips when /usr/bin/chromium is absent
(`.ci/setup-browser.sh` installs it); Playwright never downloads a browser of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_support import served

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
BUILD = Path(__file__).resolve().parents[2] / "build"
pytestmark = pytest.mark.browser  # a real chromium: left out of `make test`

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is not installed; run .ci/setup-browser.sh to run the "
                "browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def server(web_store: Path) -> Iterator[str]:
    """`clampdown serve --port 0` in a child process; its URL, read from what it prints."""
    with served(web_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _shot(page: object, name: str) -> None:
    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / f"e2e-{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_overview_filter_case_and_escaped_script(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))

    page.goto(server + "/")
    expect = sync_api.expect
    expect(page.get_by_role("heading", name="State pressure on online platforms")).to_be_visible()
    expect(page.get_by_role("img", name="Cases per month, stacked by type")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    _shot(page, "overview")

    # filter to one platform with the form, as a person would
    page.get_by_role("link", name="Cases", exact=True).click()
    page.get_by_label("Target (platform)").fill("Telegram")
    page.get_by_label("Target (platform)").press("Enter")
    expect(page.get_by_text("Showing cases against Telegram")).to_be_visible()
    targets = page.locator("table.cases td[data-label='Against']").all_inner_texts()
    assert targets and set(targets) == {"Telegram"}
    _shot(page, "cases-telegram")

    page.get_by_role("link", name=re.compile(r"Case \d+: Fine of Telegram")).click()
    expect(page.get_by_role("heading", name=re.compile("Moscow court → Telegram"))).to_be_visible()
    evidence = page.locator("mark").first
    expect(evidence).to_contain_text("fined Telegram 5 million roubles (55,000 euros)")
    expect(page.locator(".report")).to_have_count(3)
    expect(page.get_by_text("republished copy").first).to_be_visible()
    expect(page.get_by_text("consistent").first).to_be_visible()
    _shot(page, "case")

    phone = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    phone.goto(page.url)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the case page scrolls sideways on a phone ({width} px)"
    _shot(phone, "case-phone")
    phone.close()

    # an article whose text holds <script>: shown as text, never run
    page.goto(server + "/cases?target=Twitter&type=BLOCK")
    page.get_by_role("link", name=re.compile(r"Case \d+: Block of Twitter")).click()
    page.get_by_role("link", name=re.compile("Turkey blocks Twitter")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Turkey blocks Twitter <script>alert('title')</script>")
    expect(page.locator("main")).to_contain_text("Twitter <script>alert('xss')</script> after")
    assert page.locator("script").count() == 0
    _shot(page, "document-script")
    assert dialogs == []
    assert all(u.startswith(server) for u in requests), "a page loaded something from elsewhere"
    page.close()
