"""Split document text into the sentences that can carry evidence.

Scraped pages mix an article with menus, headlines, share bars and related-story lists.
Only lines that read as prose (end like a sentence and have a few words) are split into
sentences; the rest is never evidence. Offsets always point into the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import islice

from clampdown.model import Span


def _char_class(test: Callable[[str], bool], limit: int = 0x2000) -> str:
    """A character class body of the letters below `limit` that pass `test`, as ranges."""
    out, start, prev = [], -2, -2
    for cp in [*(cp for cp in range(limit) if test(chr(cp))), -1]:
        if cp == prev + 1:
            prev = cp
            continue
        if start >= 0:
            out.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        start = prev = cp
    return "".join(out)


# Capital letters of every alphabet (Latin with its accents, Greek, Cyrillic, ...): a
# sentence or a name starts with one in any language ("Şirket", "Über", "Él").
UPPER = _char_class(str.isupper)
LOWER = _char_class(str.islower)
_LINE = re.compile(r"[^\n]+")
# A list item on a line of its own ("- YouTube", "• Twitter"): the items of a list a
# sentence introduces ("... social networks such as:") belong to that sentence.
BULLET = re.compile(r"\s*[-•*–—·](?=\s)")
_END = re.compile(rf"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[{UPPER}0-9])")
# A sentence end, maybe followed by a footnote mark or a wire credit: "... companies.[1]",
# "... charges. (dpa/NAN)".
_PROSE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?:\s*\([^()\n]{1,30}\))?(?:\[\d+\])*\s*$")
_WORD = re.compile(r"\w+")
# A date stamp opening a scraped line, with or without a label ("date 2021-03-10",
# "Published: 2022-10-05 14:02"): page furniture, not the start of the sentence after it.
_STAMP = re.compile(
    r"(?:[^\W\d_]{1,12}:?\s+)?\d{4}-\d{2}(?:-\d{2})?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s+"
)
MIN_PROSE_WORDS = 3
# Words a line's unfinished last sentence needs to count: a headline ("Sri Lanka blocks
# Facebook, Instagram and WhatsApp") or a paragraph whose full stop was lost in scraping,
# where it starts like a sentence (a capital) and is not Title Cased like a menu or a
# headline whose grammar cannot be read ("Facebook Blocked Again": no word of more than
# three letters in lower case).
MIN_FRAGMENT_WORDS = 5


def is_prose(line: str) -> bool:
    """A line that ends like a sentence and has enough words to be one."""
    return bool(_PROSE_END.search(line)) and len(_words(line, MIN_PROSE_WORDS)) >= MIN_PROSE_WORDS


def _words(text: str, most: int) -> list[str]:
    """The first `most` words of `text` (all where it has fewer): a line is never read to
    its end only to count its words."""
    return [m.group() for m in islice(_WORD.finditer(text), most)]


def _token_before(text: str, pos: int) -> str:
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:pos].lstrip("\"'“‘«(").rstrip(".").lower()


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines of `text` with their offsets; a hard-wrapped paragraph is one line.

    Wire copy and plain-text mail wrap lines mid-sentence. A line wraps on to the next
    (no blank line between) when it does not end a sentence and either ends in a comma or
    is followed by a line that starts in lower case; a headline above its first paragraph
    does neither.
    """
    start = end = -1
    for line in _LINE.finditer(text):
        if start >= 0 and _wraps(text[start:end], line.group(), text[end : line.start()]):
            end = line.end()
            continue
        if start >= 0:
            yield start, text[start:end]
        start, end = line.start(), line.end()
    if start >= 0:
        yield start, text[start:end]


def _wraps(previous: str, line: str, between: str) -> bool:
    if between != "\n" or _PROSE_END.search(previous):
        return False
    if BULLET.match(line) and not _sentence_item(line):
        # a list item under "... such as:", or under another item of the list
        return previous.rstrip().endswith(":") or bool(BULLET.match(previous.rsplit("\n", 1)[-1]))
    first = line.lstrip()[:1]
    return previous.endswith(",") or first.islower() or first == "("


def _sentence_item(line: str) -> bool:
    """A list item that is a sentence of its own ("- The court fined Google on Monday.")."""
    return is_prose(line) and len(_words(line, MIN_FRAGMENT_WORDS)) >= MIN_FRAGMENT_WORDS


def split_sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[Span]:
    """Sentences of the prose lines of `text`, with offsets into `text`."""
    return [s for base, raw in _lines(text) for s in _line_sentences(base, raw, abbreviations)]


def sentences_near(
    text: str,
    positions: list[int],
    abbreviations: frozenset[str] = frozenset(),
    split: dict[int, list[Span]] | None = None,
) -> list[Span]:
    """What `split_sentences` gives, but only where a reader may need it: the first
    sentence, every sentence of a line holding one of `positions`, and the sentences of the
    nearest line with any before and after each such line. A line is split on its own, so
    what is kept is as the whole text's split gives it, and each sentence of a line holding
    a position keeps its neighbours. `split` holds the sentences of the lines split before
    (by `sentence_at`), by where each line starts; it gets those split here."""
    lines = list(_lines(text))
    split = {} if split is None else split

    def of(i: int) -> list[Span]:
        base = lines[i][0]
        if base not in split:
            split[base] = _line_sentences(*lines[i], abbreviations)
        return split[base]

    starts = [base for base, _ in lines]
    keep = set()
    first = next((i for i in range(len(lines)) if of(i)), None)
    if first is not None:
        keep.add(first)
    for i in sorted({bisect_right(starts, p) - 1 for p in positions} - {-1}):
        keep.add(i)
        before = next((j for j in range(i - 1, -1, -1) if of(j)), None)
        after = next((j for j in range(i + 1, len(lines)) if of(j)), None)
        keep.update(j for j in (before, after) if j is not None)
    return [s for i in sorted(keep) for s in of(i)]


def sentence_at(
    text: str,
    pos: int,
    abbreviations: frozenset[str] = frozenset(),
    split: dict[int, list[Span]] | None = None,
) -> Span | None:
    """The sentence a reader finds `pos` in, as `sentences_near(text, [pos], ...)` gives it:
    the last sentence of the line holding `pos` (see `_lines`) that starts at or before it;
    None where there is none. Only that line is found and split: whether a line wraps on to
    the next reads those two lines alone (`_wraps` reads the joined text before only at its
    last line: a sentence end on an earlier line would have stopped the wrap there). `split`
    keeps each line's sentences by where it starts, for `sentences_near`."""
    start, end = _line_around(text, pos)
    if split is None or start not in split:
        sentences = _line_sentences(start, text[start:end], abbreviations)
        if split is not None:
            split[start] = sentences
    else:
        sentences = split[start]
    found = None
    for sent in sentences:
        if sent.start > pos:
            break
        found = sent
    return found


def clause_at(text: str, sent: Span, pos: int, joins: re.Pattern[str]) -> tuple[int, int]:
    """The coordinated clause of a sentence that holds a position: the sentence cut at the
    language's clause joins (`clause_joins`) nearest before and after it."""
    lo, hi = sent.start, sent.end
    for m in joins.finditer(text, sent.start, sent.end):
        if m.end() <= pos:
            lo = m.end()
        elif m.start() >= pos:
            hi = m.start()
            break
    return lo, hi


def _line_around(text: str, pos: int) -> tuple[int, int]:
    """Where the line of `_lines` holding `pos` (a character of a line, no line break)
    starts and ends."""
    start = text.rfind("\n", 0, pos) + 1
    first_end = text.find("\n", pos)
    first_end = len(text) if first_end < 0 else first_end
    end = first_end
    # Back while the line before wraps on to this one (one line break between, as `_lines`).
    while start >= 2 and text[start - 2] != "\n":
        before = text.rfind("\n", 0, start - 1) + 1
        if not _wraps(text[before : start - 1], text[start:first_end], "\n"):
            break
        start, first_end = before, start - 1
    # On while its last line wraps on to the next.
    last = text.rfind("\n", 0, end) + 1
    while end + 1 < len(text) and text[end] == "\n" and text[end + 1] != "\n":
        following = text.find("\n", end + 1)
        following = len(text) if following < 0 else following
        if not _wraps(text[last:end], text[end + 1 : following], "\n"):
            break
        last, end = end + 1, following
    return start, end


def _line_sentences(base: int, raw: str, abbreviations: frozenset[str]) -> list[Span]:
    """The sentences of one line (see `_lines`) that starts at `base` in the text."""
    spans: list[Span] = []
    ends = [
        m
        for m in _END.finditer(raw)
        if (word := _token_before(raw, m.start())) not in abbreviations
        and not (len(word) == 1 and word.isalpha())
    ]
    complete = is_prose(raw)
    start = len(raw) - len(raw.lstrip())
    if stamp := _STAMP.match(raw, start):
        start = stamp.end()  # "date 2021-03-10 Russia's watchdog ...": text begins after
    for m in ends:
        _add(spans, raw, base, start, m.end())
        start = m.end()
    if complete or _fragment(raw[start:]):
        _add(spans, raw, base, start, len(raw))
    return spans


def _fragment(rest: str) -> bool:
    """An unfinished sentence that still reads as one (see MIN_FRAGMENT_WORDS)."""
    words = _words(rest, 10)  # enough to count them and to read the first ten
    if len(words) < MIN_FRAGMENT_WORDS or not rest.lstrip()[:1].isupper():
        return False
    return any(len(w) > 3 and w[0].islower() for w in words[1:10])


def _add(spans: list[Span], raw: str, base: int, start: int, end: int) -> None:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(base + start, base + end, raw[start:end]))
