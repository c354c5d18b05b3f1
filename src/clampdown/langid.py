"""Which language a document is written in, guessed offline from its own text.

Extraction picks its language pack by language, and scraped pages often state none (or
state the template's). The guess is py3langid's naive Bayes classifier, whose model ships
inside the package (nothing is downloaded), over a sample of the text. It knows about 140
languages; the answer is one of the languages clampdown reads, "other" for any other
language (so a Swedish page is never read with German rules); the languages clampdown
reads are the folders of the registry (`clampdown/languages.py`), or None when the sample is
too short or too mixed to say.

The classifier is calibrated for general text; a news report in a language clampdown
reads is what it mostly sees, so those languages get a prior weight (`PRIOR`) before the
scores are compared. That settles short headlines ("Роскомнадзор оштрафовал Google" is
Russian, not Serbian) and changes nothing on a paragraph, where the text decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier, visit_counts
from py3langid.modelio import load_model

from clampdown import cachefile
from clampdown.languages import supported

OTHER = "other"  # a language clampdown has no pack for
SAMPLE_CHARS = 3000
# The fast reader's first look: a text whose first QUICK_CHARS characters say this
# clearly which language they are in is not read further (a third of the work).
QUICK_CHARS = 600
QUICK_SHARE = 0.99
MIN_LETTERS = 12  # fewer letters say nothing ("Telegram", "12345 ---")
PRIOR = 8.0  # weight of a supported language against any other, before normalising
MIN_CONFIDENCE = 0.5  # the winner's share after weighting; below it the answer is None
# OTHER takes a clearer verdict: one other language at least this likely on its own, since
# a text wrongly called OTHER is not read at all ("Telegram Roskomnadzor" is no Polish).
MIN_OTHER = 0.5
# Labels of the model that are no language of text ("zxx": no linguistic content).
_NOT_LANGUAGES = frozenset({"zxx"})
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier() -> LanguageIdentifier:
    """The shipped model, once per process: decompressing it takes about 0.5 s, so the
    decompressed arrays are kept in the user's cache folder (`cachefile.py`).

    The model stores its table of feature weights as float16: each score multiplies
    float32 counts by rows of it, and numpy casts those rows to float32 before it
    multiplies, in every call (three quarters of the scoring's time). The table is cast
    once, when the model is first decompressed, and kept so in the cache (which a process
    then loads without holding both tables at once): the rows hold the same values (a
    float16 is exactly a float32) and the same products are summed the same way, so every
    score is the same float (`tests/ingest/test_langid.py` compares them with the shipped
    model's own). The table takes 57 MB where the float16 one took 28 MB."""
    path = MODEL_DIR / MODEL_FILE
    parts = [(MODEL_FILE, path.read_bytes()), ("weights", b"float32")]
    digest = cachefile.key(parts, ("py3langid", "numpy"))
    model = cachefile.load("langid", digest)
    if not (isinstance(model, tuple) and len(model) == 6):
        ptc, *rest = load_model(path)
        model = (np.asarray(ptc, dtype=np.float32), *rest)
        cachefile.save("langid", digest, model)
    ptc, pc, classes, nextmove, row, output = model
    # As `LanguageIdentifier.from_model_file` makes it from the same six parts (the
    # weights as float32, above).
    return _Identifier(
        np.asarray(ptc, dtype=np.float32),
        np.asarray(pc),
        classes,
        nextmove,
        output,
        norm_probs=True,
        tk_row=row,
    )


# Bytes read from the start state for each place before the walk is checked: the longest
# n-gram of the shipped model (a state of its automaton depends on the last 6 bytes only).
_WINDOW = 6


class _Identifier(LanguageIdentifier):  # type: ignore[misc]
    """py3langid's identifier with its automaton walked by numpy instead of byte by byte
    in Python (a third of a crawl's fast reading): every state it reaches is checked
    against the one the byte-by-byte walk reaches, so the features, and so every score,
    are those of `LanguageIdentifier`; where one differs, that walk is made instead."""

    __slots__ = ("_moves", "_outputs", "_rows")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # A view of the model's move table (10 million entries), not a copy.
        self._moves = np.frombuffer(self.tk_nextmove, dtype=np.dtype(self.tk_nextmove.typecode))
        self._outputs = np.asarray(self.tk_output, dtype=np.int32)
        self._rows = np.asarray(self._rowbase, dtype=np.int64)

    def _raw_score(self, text: bytes) -> np.ndarray:
        visits = self._visits(text)
        if visits is None:
            found: np.ndarray = super()._raw_score(text)
            return found
        features, counts = visits
        # `_sparse_score` as py3langid writes it, on the arrays it would make of the dict.
        scores: np.ndarray = np.log1p(counts) @ self.nb_ptc[features] + self.nb_pc
        return scores

    def _visits(self, text: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """The features of `text` and their counts (float32, as `_sparse_score` takes
        them), in the order of their first visit (as `visit_counts` gives them: the
        scores' sums run in that order); None where there are none. Where the walk
        cannot be checked, `visit_counts` gives them."""
        data = np.frombuffer(text, dtype=np.uint8).astype(np.int64)
        n = len(data)
        if n == 0:
            return None
        moves, rows = self._moves, self._rows
        # The state at each place, read from the start state over the bytes before it
        # (at most _WINDOW of them).
        states = np.zeros(n, dtype=np.int64)
        for back in range(min(_WINDOW, n) - 1, -1, -1):
            states[back:] = moves[rows[states[back:]] + data[: n - back]]
        # The walk: the first state is the start state's move, each next one the move
        # from the one before; any place where that fails leaves the work to it.
        if states[0] != moves[rows[0] + data[0]] or not np.array_equal(
            moves[rows[states[:-1]] + data[1:]], states[1:]
        ):
            found = visit_counts(self.tk_nextmove, self._rowbase, self.tk_output, text)
            if not found:
                return None
            return (
                np.fromiter(found.keys(), dtype=np.intp, count=len(found)),
                np.fromiter(found.values(), dtype=np.float32, count=len(found)),
            )
        features = self._outputs[states]
        features = features[features >= 0]
        if not len(features):
            return None
        # What `np.unique(features, return_index=True, return_counts=True)` gives, without
        # its general machinery: a stable sort puts each feature's first visit first among
        # its own, so the start of each run of one feature is where it was first visited.
        sorter = np.argsort(features, kind="stable")
        ordered = features[sorter]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        counts = np.diff(np.append(starts, len(ordered)))
        first = sorter[starts]
        order = np.argsort(first)  # first visits differ: any sort gives the one order
        return ordered[starts][order].astype(np.intp), counts[order].astype(np.float32)


def candidates() -> tuple[str, ...]:
    """What `detect_language` can answer besides None: each supported language, or OTHER."""
    return (*supported(), OTHER)


def detect_language(text: str, *, quick: bool = False) -> str | None:
    """A supported ISO 639-1 code, OTHER, or None when the sample does not say clearly.

    `quick` (the fast reader's) first reads the first QUICK_CHARS characters only and
    keeps that answer when it is clear (QUICK_SHARE); any other text is read as without
    it. On every shared page, read either way, and the seed and dev documents, the quick
    answer is the full sample's (`tests/ingest/test_langid.py`).
    """
    if quick and len(text) > QUICK_CHARS:
        found, clarity = _verdict(text[:QUICK_CHARS])
        if found is not None and clarity >= QUICK_SHARE:
            return found
    return _verdict(text[:SAMPLE_CHARS])[0]


def _verdict(sample: str) -> tuple[str | None, float]:
    """The answer for `sample`, and how clear it is: the winner's share after weighting
    (for OTHER, the lesser of that and the best other language's own probability)."""
    if next(islice(_LETTER.finditer(sample), MIN_LETTERS - 1, None), None) is None:
        return None, 0.0  # fewer than MIN_LETTERS letters (counted no further than that)
    ident = _identifier()
    probs = ident._decide(sample)
    labels = _labels(tuple(ident.nb_classes), supported())
    # As a walk down `rank(sample)` weighs them: each supported language its probability
    # times PRIOR, OTHER the best other language's; the weights are summed in the order
    # `rank` lists them (probability down, then the model's order), which is kept so the
    # total is the same float.
    ranked: list[tuple[float, int, str, float]] = [
        (-(p := float(probs[i])), i, lang, p * PRIOR) for lang, i in labels.known
    ]
    other_p = 0.0
    if len(labels.others):
        values = probs[labels.others]
        best_other = int(np.argmax(values))  # the first of equals, as `rank` lists them
        other_p = float(values[best_other])
        ranked.append((-other_p, int(labels.others[best_other]), OTHER, other_p))
    ranked.sort()
    scores = {key: weighted for _, _, key, weighted in ranked}
    total = sum(scores.values())
    if not total:
        return None, 0.0
    best = max(scores, key=scores.__getitem__)
    share = scores[best] / total
    if share < MIN_CONFIDENCE or (best == OTHER and other_p < MIN_OTHER):
        return None, 0.0
    return best, min(share, other_p) if best == OTHER else share


@dataclass(frozen=True)
class _Labels:
    known: tuple[tuple[str, int], ...]  # each supported language and its column
    others: np.ndarray  # the columns of the other languages, in the model's order


@cache
def _labels(classes: tuple[str, ...], known: tuple[str, ...]) -> _Labels:
    """The model's columns as `rank` reads them: a label's first column holds its score
    (py3langid folds an alias's into it); "zxx" and the like are no language."""
    first: dict[str, int] = {}
    for i, lang in enumerate(classes):
        first.setdefault(lang, i)
    return _Labels(
        tuple((lang, i) for lang, i in first.items() if lang in known),
        np.array(
            [i for lang, i in first.items() if lang not in known and lang not in _NOT_LANGUAGES],
            dtype=np.intp,
        ),
    )
