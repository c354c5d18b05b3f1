"""Names that the knowledge base does not know, found from how news introduces them.

"the file-sharing app SHAREit", "the dating apps Tinder, Grindr and Skout": a service
noun followed by capitalised names introduces platforms; "the Leninsky District Court"
introduces a court. Such names become entities with `known=False` rather than being
dropped, so a new app or court still yields events.
"""

from __future__ import annotations

import re

from clampdown.extract.language import LanguagePack
from clampdown.model import Entity, Mention

# Names and lists never run across a line break: the next line is another paragraph.
_NAME = r"[A-ZА-ЯЁ][\w.\-]*(?:[^\S\n]+[A-ZА-ЯЁ][\w.\-]*){0,3}"
_GAP = r"[^\S\n]"
_LIST = re.compile(rf"{_GAP}+({_NAME}(?:{_GAP}*(?:,|,?{_GAP}+and|,?{_GAP}+or){_GAP}+{_NAME})*)")
_SPLIT = re.compile(r"\s*(?:,\s*and|,\s*or|,|\s+and|\s+or)\s+")
_COURT = re.compile(
    r"\b((?:[A-ZА-ЯЁ][\w'’\-]+\s+){1,4}(?:District|City|Regional|Magistrates['’]?|Arbitration|"
    r"High|Supreme|Federal|Constitutional|Administrative)?\s*Court)\b"
)
_WORD_CHARS = re.compile(r"\w")


def _slug(name: str) -> str:
    return re.sub(r"\W+", "-", name.lower()).strip("-")


def unknown_names(text: str, pack: LanguagePack, known: list[Mention]) -> list[Mention]:
    """Mentions of platforms and courts introduced in the text but absent from the KB."""
    taken = [(m.start, m.end) for m in known]
    found: list[Mention] = []

    # A country inside an introduced name is part of the name ("the newspaper Ouest France").
    countries = [(m.start, m.end) for m in known if m.entity.role == "country"]

    def add(start: int, end: int, role: str, kind: str) -> None:
        inside = [(s, e) for s, e in countries if start <= s and e <= end and e - s < end - start]
        if any(s < end and start < e for s, e in taken if (s, e) not in inside):
            return
        name = text[start:end]
        ent = Entity(id=f"new.{role}.{_slug(name)}", name=name, kind=kind, role=role, known=False)
        found.append(Mention(entity=ent, start=start, end=end, surface=name))
        taken.append((start, end))

    for cue in pack.platform_cues.finditer(text):
        m = _LIST.match(text, cue.end())
        if not m:
            continue
        pos = m.start(1)
        for part in _SPLIT.split(m.group(1)):
            part = part.rstrip(".")  # the sentence's full stop, not the name's
            start = text.find(part, pos)
            if start >= 0 and _WORD_CHARS.search(part):
                add(start, start + len(part), "platform", "app")
                pos = start + len(part)
    for m in _COURT.finditer(text):
        words = m.group(1).split()
        if len(words) >= 2 and words[0] not in ("The", "A", "An"):
            add(m.start(1), m.end(1), "authority", "court")
    return found
