"""The paragraph around an evidence sentence, cut so the sentence can be highlighted.

A reader judges an event by its sentence in context, not the whole article. The paragraph
is split into the text before, the evidence and the text after; templates escape all three
and wrap only the middle in <mark>, so no article text is ever marked up as HTML.
"""

from __future__ import annotations

import re

MAX_CONTEXT = 1500  # characters kept on each side of the evidence in a very long paragraph
_BREAK = re.compile(r"\n\s*\n")


def highlight(text: str, start: int, end: int) -> dict[str, str | int]:
    """{"before", "evidence", "after", "start"} for the paragraph(s) holding text[start:end]."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    para_start = 0
    for m in _BREAK.finditer(text, 0, start):
        para_start = m.end()
    nxt = _BREAK.search(text, end)
    para_end = nxt.start() if nxt else len(text)
    lo = max(para_start, start - MAX_CONTEXT)
    hi = min(para_end, end + MAX_CONTEXT)
    before = text[lo:start]
    after = text[end:hi]
    if lo > para_start:
        before = "…" + before
    if hi < para_end:
        after = after + "…"
    return {"before": before, "evidence": text[start:end], "after": after, "start": lo}
