"""A document's text cut into paragraphs and runs, each run marked with the events it states.

The document page highlights every evidence sentence in place. Spans may overlap (one
sentence states a fine and a block), so the text is cut at every span edge and each run
carries the events covering it; the template escapes each run and wraps marked ones in
<mark>. Nothing from the article is ever interpreted as HTML.
"""

from __future__ import annotations

import re
from typing import Any

_BREAK = re.compile(r"\n\s*\n")


def document_segments(text: str, events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """[[{"text", "events": [{"event_id", "case_id", "type"}], "starts": [event ids]}, ...]
    per paragraph]; `starts` are the events whose evidence begins with the run, so a page
    can link to an event's evidence (`#event-ID`)."""
    spans = [
        (max(0, e["start"]), min(len(text), e["end"]), e)
        for e in events
        if 0 <= e["start"] < e["end"] <= len(text)
    ]
    cuts = {0, len(text)}
    for m in _BREAK.finditer(text):
        cuts.update((m.start(), m.end()))
    for s, e, _ in spans:
        cuts.update((s, e))
    points = sorted(cuts)
    paragraphs: list[list[dict[str, Any]]] = [[]]
    for a, b in zip(points, points[1:], strict=False):
        piece = text[a:b]
        if _BREAK.fullmatch(piece):
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        covering = [
            {"event_id": ev["event_id"], "case_id": ev["case_id"], "type": ev["type"]}
            for s, e, ev in spans
            if s <= a and b <= e
        ]
        starts = [ev["event_id"] for s, e, ev in spans if s == a]
        paragraphs[-1].append({"text": piece, "events": covering, "starts": starts})
    return [p for p in paragraphs if p]
