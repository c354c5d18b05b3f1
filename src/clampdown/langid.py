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
from functools import cache

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import load_model

from clampdown import cachefile
from clampdown.languages import supported

OTHER = "other"  # a language clampdown has no pack for
SAMPLE_CHARS = 3000
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
    decompressed arrays are kept in the user's cache folder (`cachefile.py`)."""
    path = MODEL_DIR / MODEL_FILE
    digest = cachefile.key([(MODEL_FILE, path.read_bytes())], ("py3langid", "numpy"))
    model = cachefile.load("langid", digest)
    if not (isinstance(model, tuple) and len(model) == 6):
        model = load_model(path)
        cachefile.save("langid", digest, model)
    ptc, pc, classes, nextmove, row, output = model
    # As `LanguageIdentifier.from_model_file` makes it from the same six parts.
    return LanguageIdentifier(
        np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row
    )


def candidates() -> tuple[str, ...]:
    """What `detect_language` can answer besides None: each supported language, or OTHER."""
    return (*supported(), OTHER)


def detect_language(text: str) -> str | None:
    """A supported ISO 639-1 code, OTHER, or None when the sample does not say clearly."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    scores: dict[str, float] = {}
    other_p = 0.0
    known = supported()
    for lang, p in _identifier().rank(sample):
        if lang in _NOT_LANGUAGES:
            continue
        key = lang if lang in known else OTHER
        if key == OTHER:
            other_p = max(other_p, p)
        weight = PRIOR if lang in known else 1.0
        # OTHER is the best single other language, not their sum: many small neighbours
        # ("bs", "sl", "hr") must not outvote the one language the text reads as.
        scores[key] = max(scores.get(key, 0.0), p * weight)
    total = sum(scores.values())
    if not total:
        return None
    best = max(scores, key=scores.__getitem__)
    if scores[best] / total < MIN_CONFIDENCE or (best == OTHER and other_p < MIN_OTHER):
        return None
    return best
