"""Where a story comes from: exact and near-duplicate copies, origins and attribution.

Forty outlets printing one wire story are one source, not forty. Two signals decide it:
the text itself (a MinHash signature of word shingles groups near-duplicates, so a copy
with a new headline and a "Source link" footer still joins its original) and what the text
says about itself ("(Reuters) -", "according to TASS", a title ending "– RT in english").
The cue patterns and outlet names are data (`cues.yaml`), read once.

Everything here is pure; the store keeps the signatures' LSH band keys in a table so that
candidates are found by an indexed lookup, however many documents are stored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import yaml
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64  # Jaccard estimates within about 0.06: ample to tell copies (> 0.8) from rewrites
# Republished copies share most of their 3-word shingles (> 0.8 even with added headers and
# footers); two outlets' own wording of one act share few (< 0.2). 0.5 separates them with a
# wide margin on both sides.
DUPLICATE_THRESHOLD = 0.5
SHINGLE = 3
_SEED = 1
# datasketch 2's default: 32-bit values, collision-free permutations. Signatures of another
# scheme cannot be compared, so the scheme is pinned here rather than left to a default.
SCHEME = "affine32"
_DTYPE = np.uint32
_TOKEN = re.compile(r"\w+")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid|ref|from)$", re.I)


def normalise(text: str) -> str:
    """Text as compared for identity: Unicode-normalised, case-folded, spacing collapsed.

    Two exports of one article differ in line endings, non-breaking spaces and trailing
    blanks; none of that makes a different document.
    """
    # str.split() splits at the characters `\s` matches (str.isspace) and drops them at
    # both ends: the spacing collapsed and stripped in one pass, faster than a substitution.
    return " ".join(_folded(text).split())


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def content_key(text: str) -> str:
    """The deterministic key of a document: SHA-256 of its normalised text (hex)."""
    return _key_of(normalise(text))


def _key_of(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def key_and_signature(text: str) -> tuple[str, bytes]:
    """`content_key(text)` and `signature(text)`, normalising the text once: the words of
    the normalised text are those of the case-folded one (it differs only in spacing)."""
    normalised = normalise(text)
    return _key_of(normalised), _signature(_TOKEN.findall(normalised))


def url_key(url: str | None) -> str | None:
    """A URL as compared for identity: scheme, "www.", fragment and tracking tags dropped.

    The same article is shared as http and https, with and without "www." and with
    campaign parameters; all name one document.
    """
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if not parts.netloc:
        return url.strip()
    host = parts.hostname or ""
    host = host.removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
               if not _TRACKING.match(k))
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("", host.lower(), path, query, ""))[2:]  # drop the leading "//"


# --- near-duplicates --------------------------------------------------------------------


@cache
def _permutations() -> Any:
    """The hash permutations, made once: building them costs more than hashing a document."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME).permutations


@cache
def _lsh() -> MinHashLSH:
    """datasketch's choice of bands and rows for the threshold (its false-positive and
    false-negative weighting), used for the band keys the store indexes."""
    return MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)


def shingles(text: str) -> set[bytes]:
    """Word 3-grams of the normalised text; a text shorter than that gives its words."""
    return {g.encode("utf-8", "surrogatepass") for g in _grams(_TOKEN.findall(_folded(text)))}


def _grams(words: list[str]) -> set[str]:
    if len(words) < SHINGLE:
        return set(words) or {""}
    return {" ".join(t) for t in zip(*(words[i:] for i in range(SHINGLE)), strict=False)}


def signature(text: str) -> bytes:
    """The MinHash signature of `text` (NUM_PERM 32-bit values, as bytes for storage)."""
    return _signature(_TOKEN.findall(_folded(text)))


# MurmurHash3's 32-bit finalizer: the pre-mix of datasketch's affine32 scheme.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35),
           np.uint32(16))


def _signature(words: list[str]) -> bytes:
    """datasketch's affine32 MinHash of the shingles, computed in one numpy pass: the same
    values as `MinHash(..., scheme="affine32", hashfunc=zlib.crc32).update_batch`, without
    building a MinHash and a list of byte strings per document.

    CRC-32 as the element hash: deterministic across processes (unlike `hash`) and a
    quarter of SHA-1's cost; the finalizer mixes it anyway. The words are encoded at once and
    their 3-grams joined as bytes (UTF-8 encodes "a b c" as the words' bytes joined by a
    space), all in C-level maps; a shingle that comes twice is hashed twice and its hash
    then kept once."""
    if len(words) < SHINGLE:
        grams = _grams(words)
        hv = np.fromiter(
            (zlib.crc32(g.encode("utf-8", "surrogatepass")) for g in grams),
            dtype=_DTYPE, count=len(grams),
        )
    else:
        # Words hold no space: their bytes are those of the text they make, split again.
        enc = " ".join(words).encode("utf-8", "surrogatepass").split(b" ")
        hv = np.fromiter(
            map(zlib.crc32, map(b" ".join, zip(enc, enc[1:], enc[2:], strict=False))),
            dtype=_DTYPE, count=len(enc) - 2,
        )
    # Equal hashes kept once: the permutations below take memory per distinct shingle (a
    # long text repeating itself stays small), and a minimum over a set ignores repeats.
    hv = np.unique(hv)
    s1, m1, s2, m2, s3 = _FMIX32
    hv ^= hv >> s1
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    a, b = _permutations()
    return np.asarray((hv[:, None] * a + b).min(axis=0), dtype=_DTYPE).tobytes()


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per LSH band: documents sharing any key are candidates."""
    # The signature's bytes are its values' in order: a band's values are a slice of them.
    width = np.dtype(_DTYPE).itemsize
    return [
        int.from_bytes(
            hashlib.blake2b(bytes((band,)) + sig[start * width:end * width],
                            digest_size=8).digest(),
            "big", signed=True,
        )
        for band, (start, end) in enumerate(_lsh().hashranges)
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two documents' shingle sets."""
    x = np.frombuffer(a, dtype=_DTYPE)
    y = np.frombuffer(b, dtype=_DTYPE)
    return float(np.count_nonzero(x == y)) / NUM_PERM


# --- attribution ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attribution:
    """What a document says about where it comes from.

    `outlet` publishes this copy (from its URL or title); `wire` is the agency whose copy
    the text is ("(Reuters) -"); `cited` are outlets the text relays ("according to TASS");
    `republished` marks an aggregator's copy ("Source link"). `cues` are the matched words,
    kept so a reader can check the decision.
    """

    outlet: str | None = None
    wire: str | None = None
    cited: tuple[str, ...] = ()
    republished: bool = False
    cues: tuple[str, ...] = field(default=())

    @property
    def source(self) -> str | None:
        """The outlet whose reporting this is: the wire, else the outlet it relays, else
        its own publisher."""
        if self.wire:
            return self.wire
        if self.cited:
            return Counter(self.cited).most_common(1)[0][0]
        return self.outlet


@dataclass(frozen=True, slots=True)
class _Cues:
    names: dict[str, str]  # surface name -> canonical outlet
    domains: dict[str, str]  # domain -> canonical outlet
    patterns: dict[str, list[re.Pattern[str]]]
    any_name: re.Pattern[str]  # finds outlet names, so cues are tried only near them
    # `any_name` without its look-behind: no match of it, no outlet name. Without the
    # look-behind the engine seeks the names' first characters instead of trying every
    # position, five times faster over a text, and most texts name no outlet.
    name_hint: re.Pattern[str]
    # Per pattern of `patterns`, the pattern without a leading word boundary (None where
    # it has none): it matches wherever the pattern does, and five times faster, so the
    # pattern itself runs over a whole text only where its hint matched.
    hints: dict[str, list[re.Pattern[str] | None]]


_BOUNDARY = "\\b"  # a pattern's leading word boundary, as written in cues.yaml


@cache
def _cues() -> _Cues:
    raw: dict[str, Any] = yaml.safe_load(
        (files("clampdown.link") / "cues.yaml").read_text(encoding="utf-8")
    )
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    for o in raw.get("outlets") or []:
        canon = str(o["name"])
        for n in [canon, *(o.get("names") or [])]:
            names.setdefault(str(n), canon)
        for d in o.get("domains") or []:
            domains[str(d).lower()] = canon
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    outlet = rf"(?-i:(?P<outlet>{alternation}))(?!\w)"
    patterns: dict[str, list[re.Pattern[str]]] = {}
    hints: dict[str, list[re.Pattern[str] | None]] = {}
    for kind, pats in (raw.get("cues") or {}).items():
        sources = [str(p).replace("{outlet}", outlet) for p in pats or []]
        patterns[kind] = [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in sources]
        hints[kind] = [
            re.compile(p.removeprefix(_BOUNDARY), re.IGNORECASE | re.MULTILINE)
            if p.startswith(_BOUNDARY) else None
            for p in sources
        ]
    names_only = rf"(?:{alternation})(?!\w)"
    return _Cues(names, domains, patterns, re.compile(rf"(?<!\w){names_only}"),
                 re.compile(names_only), hints)


def outlet_of_url(url: str | None) -> str | None:
    """The outlet publishing at `url`'s host (subdomains included), if it is a known one."""
    key = url_key(url)
    if not key:
        return None
    host = key.split("/", 1)[0].split(":", 1)[0]
    domains = _cues().domains
    while host:
        if host in domains:
            return domains[host]
        if "." not in host:
            break
        host = host.split(".", 1)[1]
    return None


_BEFORE, _AFTER = 40, 40  # cue words around an outlet name ("news agency ... reported")


def attribution(text: str, title: str | None = None, url: str | None = None) -> Attribution:
    """Read the cues of `cues.yaml` in a document's text, title and URL."""
    cues = _cues()
    found: list[str] = []
    # The windows of each text, found once: the text is searched for wire and for cited
    # outlets, and that pass over a whole text costs more than the cues inside its windows.
    windows_of: dict[str, list[tuple[int, int]]] = {}

    def outlets(kind: str, where: str) -> list[str]:
        out = []
        # Cue patterns are slow over a whole text; outlet names are rare and found in one
        # pass, so each pattern only runs on a window around a name.
        windows = windows_of.get(where)
        if windows is None:
            # No name can start before the hint's first match: the search resumes there
            # (look-behinds still see the text before it).
            first = cues.name_hint.search(where)
            windows = windows_of[where] = [
                (max(0, m.start() - _BEFORE), m.end() + _AFTER)
                for m in cues.any_name.finditer(where, first.start())
            ] if first else []
        seen: set[tuple[int, int]] = set()
        for rx in cues.patterns.get(kind, ()):
            for lo, hi in windows:
                for m in rx.finditer(where, lo, hi):
                    span = (m.start(), m.end())
                    name = m.groupdict().get("outlet")
                    if name and span not in seen and m.start("outlet") >= lo:
                        seen.add(span)
                        found.append(m.group(0).strip())
                        out.append(cues.names[name])
        return out

    wire = outlets("wire", text)
    cited = outlets("attribution", text)
    titled = outlets("title", title) if title else []
    # A title is also often the first line of an exported text.
    first_line = text.lstrip().split("\n", 2)
    if not titled and len(first_line) > 1:
        for line in first_line[:2]:
            titled = outlets("title", line.strip())
            if titled:
                break
    marks = [m.group(0).strip()
             for rx, hint in zip(cues.patterns.get("republished", ()),
                                 cues.hints.get("republished", ()), strict=True)
             if hint is None or hint.search(text)
             for m in rx.finditer(text)]
    found.extend(marks)
    republished = bool(marks)
    own = outlet_of_url(url) or (titled[0] if titled else None)
    return Attribution(
        outlet=own,
        wire=wire[0] if wire else None,
        cited=tuple(c for c in cited if c != (wire[0] if wire else None)),
        republished=republished,
        cues=tuple(dict.fromkeys(found)),
    )


# --- origins ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Copy:
    """One document of a story, as origin-finding needs it."""

    doc_id: int
    published: date | None  # stated, else inferred; None sorts last
    republished: bool
    source: str | None  # Attribution.source
    inferred: bool = False  # `published` was inferred, not stated
    key: str = ""  # content key, the last tie-break: never the order of arrival


def origin(copies: Sequence[Copy]) -> Copy:
    """The copy a story started from: the earliest, preferring one that is not marked as a
    republication; copies with an inferred or no date come after dated ones."""
    return min(
        copies,
        key=lambda c: (
            c.republished,
            c.published is None or c.inferred,
            c.published or date.max,
            c.key,
        ),
    )


def story_source(copies: Sequence[Copy]) -> str | None:
    """The outlet a whole story is credited to: most copies' attributed source, ties going
    to the origin's."""
    counts = Counter(c.source for c in copies if c.source)
    if not counts:
        return None
    first = origin(copies).source
    best = max(counts.values())
    if first and counts[first] == best:
        return first
    return sorted(k for k, v in counts.items() if v == best)[0]
