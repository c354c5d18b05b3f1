"""Which language a document is written in, guessed offline from its own text.

Extraction picks its lexicon by language, and scraped pages often state none (or state
the template's). A full classifier would cost more than reading the page, so this looks
at a sample: the script of its letters, then the share of each language's commonest words.
It answers an ISO 639-1 code, or None when the sample does not say clearly enough.
"""

from __future__ import annotations

import re
from collections import Counter

SAMPLE_CHARS = 3000
MIN_SCORE = 2.0  # weighted stopword hits of the winner: "Telegram fined" decides nothing
MIN_DISTINCT = 2  # different stopwords of the winner: one repeated word is not a language
MIN_SHARE = 0.04  # winner's score per word of the sample, so a few stray words do not count
MIN_MARGIN = 1.3  # winner's score over the runner-up's

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_OTHER_LETTER = re.compile(r"[^\W\d_a-z\u00c0-\u024f\u0400-\u04ff]")  # neither Latin nor Cyrillic

# The commonest function words, chosen to tell neighbours apart: a word shared by two
# languages counts for both, so the distinctive ones decide.
_STOPWORDS: dict[str, str] = {
    "en": "the and of to is that for was with as by it at from has have are be this said "
    "were which an not but will its their they he she after been would who",
    "de": "der die und das ist nicht mit den von zu ein eine auch sich auf für dem des im "
    "wird sind wurde bei nach aus noch wie oder einer sie werden hat",
    "fr": "le la les des et est une du dans que qui pour pas sur au par plus ne avec ce "
    "sont aux été mais ses cette il elle leur entre",
    "es": "el la los las de que y en del se por con para una es un su al como más lo pero "
    "sus ha fue este esta según entre a",
    "it": "il di che è la e per un una del della non sono con si le dei nel alla anche "
    "come più gli ha delle questo ma a",
    "pt": "o a os as de que e do da em um uma para com não por mais dos das no na se ao foi "
    "é seu sua também",
    "pl": "i w nie na się z że do to jest o jak po co ale od za przez są dla tak jego czy "
    "może już oraz było który która",
    "nl": "de het een van en in is dat op te zijn met voor niet aan er om ook als bij door "
    "wordt maar naar dan nog werd",
    "tr": "ve bir bu da de için ile olarak çok daha olan gibi ama kadar ancak sonra",
    "ru": "и в не на что с по это как к из за о от для он так его но был было также были "
    "же при только уже если или который которые году она они",
    "uk": "і в не на що з по це як до із за про від для він так його але був було також "
    "були при тільки вже якщо або які який вона вони",
}
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words.split():
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)
# A word shared by n languages is worth 1/n to each: "de" says little, "und" a lot.
_WEIGHT = {w: 1 / len(langs) for w, langs in _LANGS_OF.items()}

# Scripts that name one language outright (or nearly so, for news).
_SCRIPTS: tuple[tuple[str, str, str], ...] = (
    ("\u0370", "\u03ff", "el"),
    ("\u0590", "\u05ff", "he"),
    ("\u0600", "\u06ff", "ar"),
    ("\u0900", "\u097f", "hi"),
    ("\u0e00", "\u0e7f", "th"),
    ("\u10a0", "\u10ff", "ka"),
    ("\u0530", "\u058f", "hy"),
    ("\uac00", "\ud7af", "ko"),
    ("\u3040", "\u30ff", "ja"),
    ("\u4e00", "\u9fff", "zh"),
)
# Letters that only one Cyrillic language uses.
_CYRILLIC_MARKS: tuple[tuple[str, str], ...] = (
    ("ієїґ", "uk"),
    ("ў", "be"),
    ("әғқңөұүһ", "kk"),
    ("ђћџјљњ", "sr"),
    ("ѓќѕ", "mk"),
)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of `text`'s language, or None when the sample is not clear."""
    sample = text[:SAMPLE_CHARS].lower()
    # Counted with regexes, which find the rare letters fast; a loop per character costs
    # more than the rest of this module.
    words = _WORD.findall(sample)
    n_letters = sum(map(len, words))
    if n_letters < 3:
        return None
    if len(_CYRILLIC_LETTER.findall(sample)) * 2 > n_letters:
        return _cyrillic(sample)
    other = _OTHER_LETTER.findall(sample)
    if len(other) * 2 > n_letters:
        return _by_script(other)
    return _by_stopwords(words)


def _cyrillic(sample: str) -> str:
    counts = Counter(sample)
    for marks, lang in _CYRILLIC_MARKS:
        if sum(counts[c] for c in marks) >= 2:
            if lang == "uk" and counts["ы"] + counts["э"] > counts["і"]:
                continue  # a Russian text quoting a Ukrainian name
            return lang
    if counts["ы"] == 0 and counts["э"] == 0 and counts["ъ"] >= 3:
        return "bg"  # Bulgarian: no ы or э, and ъ inside words
    best = _by_stopwords(_WORD.findall(sample))
    return best if best in ("ru", "uk") else "ru"


def _by_script(letters: list[str]) -> str | None:
    counts: Counter[str] = Counter()
    for c in letters:
        for low, high, lang in _SCRIPTS:
            if low <= c <= high:
                counts[lang] += 1
                break
    if not counts:
        return None
    if counts["ja"]:  # kana: Japanese, even with many kanji (which count as "zh")
        return "ja"
    return counts.most_common(1)[0][0]


def _by_stopwords(words: list[str]) -> str | None:
    scores: Counter[str] = Counter()
    distinct: dict[str, set[str]] = {}
    for word in words:
        for lang in _LANGS_OF.get(word, ()):
            scores[lang] += _WEIGHT[word]
            distinct.setdefault(lang, set()).add(word)
    ranked = scores.most_common(2)
    if not ranked:
        return None
    best, score = ranked[0]
    if score < MIN_SCORE or score < MIN_SHARE * len(words) or len(distinct[best]) < MIN_DISTINCT:
        return None
    if len(ranked) > 1 and score < MIN_MARGIN * ranked[1][1]:
        return None
    return best
