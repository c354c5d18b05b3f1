"""The 240 real pages of ../shared/data/web-pages: all read, and clampdown's text keeps the
annotated main-text snippets and drops the boilerplate ones at least as often as
trafilatura's own output does (issue 3). Both rates are printed."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import trafilatura

from clampdown.errors import InputError
from clampdown.ingest import read_documents
from clampdown.model import Document


def rates(texts: dict[str, str], expected: dict[str, dict]) -> tuple[int, int, int, int]:
    """(with kept, with total, without dropped, without total)."""
    kept = sum(s in texts[n] for n, e in expected.items() for s in e["with"])
    dropped = sum(s not in texts[n] for n, e in expected.items() for s in e["without"])
    n_with = sum(len(e["with"]) for e in expected.values())
    n_without = sum(len(e["without"]) for e in expected.values())
    return kept, n_with, dropped, n_without


@pytest.mark.slow  # 240 pages through both cleaners
def test_real_pages_read_and_cleaned_as_well_as_trafilatura(
    shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = shared / "data" / "web-pages"
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    assert len(expected) == 240
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    items = list(read_documents([str(root / "pages")]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert errors == []
    ours = {f"{d.id}.html": d.text for d in items if isinstance(d, Document)}
    assert set(ours) == set(expected)

    theirs = {
        name: trafilatura.extract((root / "pages" / name).read_bytes()) or ""
        for name in expected
    }
    ok_w, n_w, ok_wo, n_wo = rates(ours, expected)
    t_w, _, t_wo, _ = rates(theirs, expected)
    with capsys.disabled():
        print(
            f"\nweb pages: 'with' kept  clampdown {ok_w}/{n_w} ({ok_w / n_w:.1%}), "
            f"trafilatura {t_w}/{n_w} ({t_w / n_w:.1%})"
            f"\nweb pages: 'without' dropped  clampdown {ok_wo}/{n_wo} ({ok_wo / n_wo:.1%}), "
            f"trafilatura {t_wo}/{n_wo} ({t_wo / n_wo:.1%})"
        )
    assert ok_w >= t_w
    assert ok_wo >= t_wo
