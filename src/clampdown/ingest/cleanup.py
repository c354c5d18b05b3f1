"""Removing the page furniture that scraped text carries, line by line, before extraction.

Copy-pasted and scraped articles keep "Skip to content", share buttons, cookie banners,
photo credits and lists of other stories' headlines. Those lines are noise at best and
false events at worst ("READ MORE: Regulator fines Google" is another story), so they
are dropped here. The cleaned text is what the document stores, so event offsets point
into it. Only whole lines are removed, and only lines that look like furniture on their
own: prose sentences are never touched, and a text without furniture comes back as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from clampdown.languages import LEXICONS, LanguageError, read_yaml, word_list
from clampdown.regexwords import NEVER

LONG_LINE = 600  # longer lines are prose; only a cookie banner can be that long
SHORT_LINE = 200  # prefixed furniture ("Photo: ...", "READ MORE: ...") is shorter
HEADLINE_CHARS = 160
HEADLINE_WORDS = 25
MAX_LIST = 30  # most headlines removed after one "Related" heading

_EDGES = " \t\u00a0*#|>»›→•·:–—-_=[](){}"
_TOKEN = re.compile(r"[\w@.-]+")
_NAV_SEPARATORS = ("|", "›", "»", ">", "/", "•", "·")
_NAV_SPACED = re.compile(" (?:" + "|".join(map(re.escape, _NAV_SEPARATORS)) + ") ")
_SENTENCE_END = tuple(".!:;…")
_BLANK_RUNS = re.compile(r"\n{3,}")
_KEYS = frozenset(
    {
        "lines", "list_headings", "list_openers", "pointers", "credits", "line_starts",
        "anywhere", "copyright", "banner_words", "banner_subjects", "banner_verbs",
        "banner_objects", "banner_phrases", "share_words",
    }
)


@dataclass(frozen=True, slots=True)
class Furniture:
    """The furniture of every language's `page.yaml`, compiled: a page's furniture is often in
    another language than its story, so all of it is removed from every page."""

    lines: frozenset[str]  # whole lines that are furniture wherever they stand
    list_headings: frozenset[str]  # headings of lists of other stories
    list_opener: re.Pattern[str]  # a short line that opens so heads a list ("More from")
    prefixed: re.Pattern[str]  # the openings of a short furniture line ("Photo: ...")
    anywhere: re.Pattern[str]
    copyright: re.Pattern[str]
    banner_words: tuple[str, ...]  # a cookie banner holds one of these
    banner: re.Pattern[str]
    share_words: frozenset[str]  # the words of a line of share buttons


@cache
def furniture() -> Furniture:
    """Every `lexicons/<code>/page.yaml` (a folder may hold only that file: the furniture of a
    language clampdown does not read), with the services of `lexicons/page.yaml`."""
    found: dict[str, list[str]] = {key: [] for key in _KEYS}
    for folder in sorted(LEXICONS.iterdir(), key=lambda f: f.name):
        if not folder.is_dir():
            continue
        name = f"lexicons/{folder.name}/page.yaml"
        data = read_yaml(folder / "page.yaml", name)
        for key, words in data.items():
            if key not in _KEYS:
                raise LanguageError(f"{name}: {key}: unknown key")
            found[key] += word_list(name, key, words)
    shared = read_yaml(LEXICONS / "page.yaml", "lexicons/page.yaml")
    services = word_list("lexicons/page.yaml", "share_services", shared.get("share_services", []))

    def alternatives(key: str, plain: bool = False) -> str:
        items = [re.escape(w) for w in found[key]] if plain else found[key]
        return "|".join(items) or NEVER

    copyright = "|".join([r"\(c\)", *map(re.escape, found["copyright"])])
    copyright = rf"(?:©|(?:{copyright})\s*(?:©|\(c\)|\d{{4}}))"
    prefixed = [
        rf"(?:{alternatives('pointers')})\s*[:|»›>→]",
        rf"(?:{alternatives('credits')})(?:\s+\w+)?\s*[.:©/|]",
        copyright,
        *found["line_starts"],
        r"https?://\S+$",
    ]
    banner = (
        rf"\b(?:{alternatives('banner_subjects')})\b[^.]{{0,60}}?"
        rf"\b(?:{alternatives('banner_verbs')})\b[^.]{{0,40}}?"
        rf"\b(?:{alternatives('banner_objects')})"
    )
    return Furniture(
        lines=frozenset(found["lines"]),
        list_headings=frozenset(found["list_headings"]),
        list_opener=re.compile(rf"^(?:{alternatives('list_openers')})\b", re.I),
        prefixed=re.compile("^(?:" + "|".join(prefixed) + ")", re.I),
        anywhere=re.compile(alternatives("anywhere", plain=True), re.I),
        copyright=re.compile(copyright),
        banner_words=tuple(dict.fromkeys(found["banner_words"])),
        banner=re.compile("|".join([banner, *found["banner_phrases"]]), re.I),
        share_words=frozenset([*found["share_words"], *services]),
    )


def clean_text(text: str) -> str:
    """`text` without its furniture lines; unchanged (the same object) if it has none."""
    lines = text.split("\n")
    drop = [False] * len(lines)
    page = furniture()
    in_list = 0  # headlines still allowed after a list heading
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if in_list:
            if _headline_like(s):
                drop[i] = True
                in_list -= 1
                continue
            in_list = 0
        if len(s) > LONG_LINE:
            continue
        key = s.strip(_EDGES).lower()
        if key in page.list_headings or (len(s) < 60 and page.list_opener.match(key)):
            drop[i] = True
            in_list = MAX_LIST
        elif _furniture(s, key, page):
            drop[i] = True
    if not any(drop):
        return text
    kept = "\n".join(line for line, gone in zip(lines, drop, strict=True) if not gone)
    kept = _BLANK_RUNS.sub("\n\n", kept).lstrip("\n")
    if text.endswith("\n"):
        kept = kept.rstrip("\n") + "\n"
    return kept


def _furniture(s: str, key: str, page: Furniture) -> bool:
    if key in page.lines:
        return True
    if any(w in key for w in page.banner_words) and page.banner.search(key):
        return True
    if len(s) > SHORT_LINE:
        return bool(page.copyright.match(key) or page.anywhere.search(key[-40:]))
    stripped = s.lstrip(_EDGES)
    if page.prefixed.match(stripped) or page.anywhere.search(key):
        return True
    return _share_line(key, page.share_words) or _navigation(s)


def _share_line(key: str, share_words: frozenset[str]) -> bool:
    """"Facebook Twitter WhatsApp Email": nothing but share buttons."""
    first = _TOKEN.search(key)
    if first is None or first.group().strip(".-") not in share_words:
        return False  # most lines: their first word is no share button
    tokens = _TOKEN.findall(key)
    return 2 <= len(tokens) <= 12 and all(t.strip(".-") in share_words for t in tokens)


def _navigation(s: str) -> bool:
    """"Home › News › World": three or more short items joined by one separator."""
    if len(s) > 160 or s.endswith(_SENTENCE_END) or s.startswith("|") or s.endswith("|"):
        return False  # nor a table row, which trafilatura writes as "| a | b |"
    if not _NAV_SPACED.search(s):
        return False  # no spaced separator at all (most lines)
    for sep in _NAV_SEPARATORS:
        parts = s.split(f" {sep} ")  # spaced, unlike paths, dates and "and/or"
        if len(parts) >= 3 and all(0 < len(p.split()) <= 4 for p in parts):
            return True
    return False


def _headline_like(s: str) -> bool:
    """A short line without a full stop: how the headline of another story looks."""
    return (
        len(s) <= HEADLINE_CHARS
        and len(s.split()) <= HEADLINE_WORDS
        and not s.rstrip("\"'”»").endswith(_SENTENCE_END)
    )
