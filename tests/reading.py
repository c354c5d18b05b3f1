"""Helpers the extraction tests share: what a text's events are and whom they are aimed at."""

from __future__ import annotations

from datetime import date

from clampdown.extract.pipeline import extract
from clampdown.model import Document

PUB = date(2022, 3, 5)


def targets_of(text: str, lang: str) -> set[str]:
    """The targets of the events extracted from `text`, read as published on `PUB`."""
    doc = Document(id="t", text=text, published=PUB, lang=lang)
    return {e.target for e in extract(doc).events if e.target}


def acts_of(text: str, lang: str, published: date = PUB) -> set[tuple[str, str | None, str | None]]:
    """(type, actor, target) of each event extracted from `text`."""
    doc = Document(id="t", text=text, published=published, lang=lang)
    return {(e.type, e.actor, e.target) for e in extract(doc).events}
