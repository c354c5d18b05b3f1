"""The extraction pipeline: a Document in, an ExtractionResult out.

Each step scans the text once: the gazetteer (one Aho-Corasick pass), money and date
expressions (compiled regexes), then sentences are read one by one. No I/O happens here;
reading input comes before, storing after.
"""

from __future__ import annotations

from functools import cache

from clampdown.extract.dates import find_dates
from clampdown.extract.events import DocContext, Ref, SentenceReader, merge_duplicates
from clampdown.extract.language import language_pack
from clampdown.extract.money import find_money
from clampdown.extract.names import unknown_names
from clampdown.extract.sentences import split_sentences
from clampdown.model import Document, Entity, ExtractionResult
from clampdown.resolve.gazetteer import Gazetteer
from clampdown.resolve.kb import load_kb
from clampdown.resolve.morphology import alias_forms

_CYRILLIC_SHARE = 0.3


@cache
def gazetteer() -> Gazetteer:
    """The knowledge base compiled into one automaton, once per process."""
    return Gazetteer.build(load_kb().entities.values(), forms=alias_forms)


@cache
def _countries() -> dict[str, Entity]:
    return {e.country: e for e in load_kb().by_role("country") if e.country}


def detect_language(text: str) -> str:
    """A cheap script-based guess used when a document does not state its language."""
    letters = [c for c in text[:4000] if c.isalpha()]
    if not letters:
        return "en"
    cyr = sum("\u0400" <= c <= "\u04ff" for c in letters)
    return "ru" if cyr / len(letters) >= _CYRILLIC_SHARE else "en"


def extract(document: Document) -> ExtractionResult:
    """Find every event of `document`, each with its evidence sentence and offsets."""
    text = document.text
    lang = document.lang or detect_language(text)
    pack = language_pack(lang)
    known = gazetteer().find(text)
    mentions = sorted(known + unknown_names(text, pack, known), key=lambda m: m.start)
    ctx = DocContext(
        text=text,
        pack=pack,
        mentions=[Ref(m.entity, m.start, m.end) for m in mentions],
        money=find_money(text, lang),
        dates=find_dates(text, document.published, lang),
        published=document.published.isoformat() if document.published else None,
        countries=_countries(),
    )
    for i, ref in enumerate(ctx.mentions):
        after = text[ref.end : ref.end + 2]
        if after.startswith(("'s", "’s")) or after in ("'", "’"):
            ctx.mentions[i] = Ref(ref.entity, ref.start, ref.end, possessive=True)
    events = []
    for sent in split_sentences(text, pack.abbreviations):
        events.extend(SentenceReader(ctx, sent).events())
    return ExtractionResult(document=document, events=merge_duplicates(events))
