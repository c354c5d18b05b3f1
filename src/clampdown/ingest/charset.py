"""Turning the bytes of a text or page into a string, whatever character set they are in.

Most input is UTF-8, but archives and regional sites still serve Windows-1251, KOI8-R or
Latin-1, and a reader that fails on them loses exactly the sources a researcher of one
country needs. Order of trust: a byte-order mark, valid UTF-8, the charset the document or
server declares, then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BOM = b"\xef\xbb\xbf"
DETECT_SAMPLE = 64 * 1024  # charset-normalizer looks at this much of a large input
ENOUGH_NON_ASCII = 64  # fewer non-ASCII bytes than this are too few for statistics
SHORT = ("cp1252", "cp1251", "koi8_r", "cp1250")  # tried in this order, ties to the first
_NON_ASCII_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")
_EDGE_PUNCTUATION = "\"'“”„«»‘’‚()[]{}.,;:!?…–—-*"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")


class CharsetError(ValueError):
    """The bytes are not UTF-8 and no other character set decodes them as text."""


def decode(data: bytes, declared: str | None = None) -> str:
    """`data` as text; `declared` is a charset from outside (an HTTP header), if any.

    Raises CharsetError with a reason that names the first bad byte.
    """
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = e.start
    for name in (declared, declared_in(data[:4096])):
        encoding = _codec(name)
        if encoding and encoding != "utf-8":
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass
    guess = guess_encoding(data, around=first_bad)
    if guess is not None:
        return data.decode(guess, errors="replace")
    raise CharsetError(f"not valid UTF-8 at byte {first_bad}, and no other character set fits")


def declared_in(head: bytes) -> str | None:
    """The charset an HTML <meta> or an XML declaration names in the first bytes."""
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def guess_encoding(data: bytes, around: int = 0) -> str | None:
    """The most likely charset of non-UTF-8 bytes, or None for binary data.

    A large input is judged by a sample from just before `around` (its first non-UTF-8
    byte): its head is often ASCII markup that says nothing about the text. With enough
    non-ASCII bytes charset-normalizer decides; with a handful it cannot tell Latin-1
    from Windows-1251, so the common European sets are tried and the one whose words
    read as words wins.
    """
    start = max(0, min(around - 1024, len(data) - DETECT_SAMPLE))
    sample = data[start : start + DETECT_SAMPLE]
    if sum(b >= 0x80 for b in sample) < ENOUGH_NON_ASCII:
        scored = [(_plausibility(sample.decode(enc, errors="replace")), enc) for enc in SHORT]
        best_score = max(score for score, _ in scored)
        if best_score > 0:
            return next(enc for score, enc in scored if score == best_score)
    best = from_bytes(sample).best()
    if best is None:
        return None
    encoding = _codec(best.encoding)
    if encoding is None or encoding == "utf-8":
        return None  # a UTF-8 guess for bytes that failed UTF-8: the sample cut a character
    return encoding


def _plausibility(text: str) -> int:
    """Words with non-ASCII letters that look like real words, less those that do not.

    Real words are Cyrillic throughout, or Latin with a few accented letters, in one case
    or capitalised; mojibake mixes scripts in a word ("cafй"), is all accents ("Ìîñêâà"),
    puts symbols between letters ("Za¿ó³æ"), flips case ("тПУЛПН"), or leaves replacement
    characters and controls.
    """
    score = 0
    for raw in _NON_ASCII_WORD.findall(text):
        word = raw.strip(_EDGE_PUNCTUATION)
        letters = [c for c in word if c.isalpha()]
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
        ascii_letters = sum(c.isascii() for c in letters)
        plausible = (
            bool(letters)
            and all(c.isalpha() or c.isascii() or c in "’-" for c in word)
            and (cyrillic == len(letters) or ascii_letters * 2 >= len(letters))
            and (word[1:].islower() or word.isupper() or not any(c.isupper() for c in word[1:]))
        )
        score += 1 if plausible else -2
    return score - 4 * sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r"))


def _codec(name: str | None) -> str | None:
    """Python's name for a charset label, or None if Python does not know it."""
    if not name:
        return None
    try:
        python_name = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # As browsers do: pages labelled Latin-1 are nearly always Windows-1252 (curly quotes).
    return "cp1252" if python_name in ("iso8859-1", "latin-1") else python_name
