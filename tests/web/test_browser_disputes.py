"""End to end: a dispute page in Debian's chromium, through the real server.

The store is the bundled examples (`examples/`, what `make demo` serves), ingested by the
real `clampdown ingest`. A person opens the disputes, picks Russia and Twitter, reads the
timeline's steps in order, and follows each step to its evidence in its article. The page
is written to build/, and to docs/img/dashboard-dispute.png (the README shows it) only under
`make docs-images`, so that running the tests never changes a tracked file. Skips when
/usr/bin/chromium is absent (`.ci/setup-browser.sh` installs it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_support import ingest_cli, served

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
DISPUTE = "ru-twitter-2021-01-23"
pytestmark = pytest.mark.browser  # a real chromium: left out of `make test`

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is not installed; run .ci/setup-browser.sh to run the "
                "browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    ingest_cli(db, ROOT / "examples")
    with served(db) as url:
        yield url


def test_a_dispute_page_tells_the_story_step_by_step(server: str) -> None:
    expect = sync_api.expect
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))

            page.goto(server + "/")
            page.get_by_role("link", name="Disputes", exact=True).click()
            page.get_by_label("Platform").fill("Twitter")
            page.get_by_label("Platform").press("Enter")
            page.get_by_role("link", name="Russia v. Twitter").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Russia v. Twitter")
            assert page.url.endswith(f"/disputes/{DISPUTE}")

            # The timeline: one mark per step, in order of time, each linking to its step.
            marks = page.locator("svg a.step-mark")
            n = marks.count()
            steps = page.locator("ol.steps > li.step")
            assert n == steps.count() >= 10
            seqs = [int(marks.nth(i).get_attribute("data-seq") or 0) for i in range(n)]
            assert seqs == list(range(1, n + 1))
            xs = [float(marks.nth(i).locator("circle").get_attribute("cx") or 0)
                  for i in range(n)]
            assert xs == sorted(xs)  # later steps further right
            days = [steps.nth(i).locator("time").get_attribute("datetime") or ""
                    for i in range(n)]
            assert days == sorted(days)
            first_types = [steps.nth(i).locator(".badge").first.inner_text() for i in range(3)]
            assert first_types == ["Demand", "Refusal", "Legal action"]
            if os.environ.get("CLAMPDOWN_DOCS_IMAGES"):
                page.screenshot(path=str(ROOT / "docs" / "img" / "dashboard-dispute.png"),
                                full_page=True,
                                clip={"x": 0, "y": 0, "width": 1200, "height": 1010})
            (ROOT / "build").mkdir(exist_ok=True)
            page.screenshot(path=str(ROOT / "build" / "e2e-dispute.png"), full_page=True)

            # Each mark leads to its step, and each step to its evidence in its article.
            for i in range(n):
                seq = i + 1
                marks.nth(i).click()
                assert page.url.endswith(f"#step-{seq}")
                step = page.locator(f"li#step-{seq}")
                expect(step).to_be_in_viewport()
                evidence = step.locator("blockquote.evidence q").inner_text()
                link = step.locator("a.evidence-link")
                href = link.get_attribute("href") or ""
                assert re.fullmatch(r"/documents/\d+#event-\d+", href), href
                article = browser.new_page(viewport={"width": 1200, "height": 900})
                article.goto(server + href)
                anchor = href.split("#")[1]
                marked = article.locator(f"span#{anchor}").locator(
                    "xpath=following-sibling::mark[1]")
                expect(marked).to_be_visible()
                assert evidence.startswith(marked.inner_text().strip()[:40])
                article.close()
            assert page.locator("script").count() == 0
            assert all(u.startswith(server) for u in requests), "loaded something from elsewhere"

            # On a phone the page does not scroll sideways.
            phone = browser.new_page(viewport={"width": 390, "height": 844})
            phone.goto(f"{server}/disputes/{DISPUTE}")
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the dispute page scrolls sideways on a phone ({width} px)"
            phone.close()
        finally:
            browser.close()
