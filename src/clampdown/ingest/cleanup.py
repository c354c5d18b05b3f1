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

LONG_LINE = 600  # longer lines are prose; only a cookie banner can be that long
SHORT_LINE = 200  # prefixed furniture ("Photo: ...", "READ MORE: ...") is shorter
HEADLINE_CHARS = 160
HEADLINE_WORDS = 25
MAX_LIST = 30  # most headlines removed after one "Related" heading

_EDGES = " \t\u00a0*#|>»›→•·:–—-_=[](){}"
# Whole lines that are furniture wherever they stand.
_FURNITURE = frozenset(
    item.strip()
    for item in """
    skip to content|skip to main content|skip to navigation|skip to main navigation
    jump to content|jump to navigation|toggle navigation|open menu|close menu|menu|close
    source link|share|share this|share this article|share this story|share article
    share on facebook|share on twitter|tweet|print|print this article|email|e-mail
    comments|comment|leave a comment|view comments|show comments|add comment
    continue reading|advertisement|advertising|sponsored|sponsored content|ad
    follow us|subscribe|sign up|sign in|log in|login|register|search|home|back to top
    next article|previous article|next story|previous story|loading|loading...
    copy link|link copied|listen to this article|listen|watch|video|gallery
    accept|accept all|reject all|cookie settings|manage cookies|got it|accept cookies
    accept all cookies|allow all cookies|reject all cookies|cookie policy|cookies
    privacy policy|terms of use|terms of service|contact us|about us|all rights reserved
    перейти к содержанию|поделиться|поделитесь|читать далее|читать полностью|источник
    реклама|комментарии|комментировать|подписывайтесь|подписаться|главная|меню|поиск
    все новости|версия для печати|наверх|закрыть
    teilen|weiterlesen|anzeige|werbung|kommentare|partager|lire la suite|publicité
    compartir|leer más|publicidad|condividi|udostępnij|czytaj dalej
    """.replace("\n", "|").split("|")
) - {""}
# Headings of lists of other stories: the heading and the headlines after it go.
_LIST_HEADINGS = frozenset(
    item.strip()
    for item in """
    related|related articles|related stories|related news|related posts|related content
    more stories|more news|read more|read also|also read|see also|more on this story
    you may also like|you might also like|recommended|recommended for you|most read
    most popular|most viewed|trending|trending now|latest news|top stories|editor's picks
    читайте также|смотрите также|по теме|новости по теме|популярное|самое читаемое
    последние новости|ещё новости|еще новости|лучшее за неделю|рекомендуем
    mehr zum thema|das könnte sie auch interessieren|weitere artikel|lire aussi
    à lire aussi|czytaj także|czytaj też|zobacz też|te puede interesar|lee también
    leggi anche
    """.replace("\n", "|").split("|")
) - {""}
_MORE_FROM = re.compile(r"^(?:more (?:from|on|about)|другие новости|ещё по теме)\b", re.I)
# Furniture that starts a short line: pointers to other stories, credits, tags, promos.
_PREFIXED = re.compile(
    r"""^(?:
        (?:read\ more|read\ also|also\ read|see\ also|related|recommended|more|watch|listen
          |читайте\ также|читайте|смотрите\ также|смотрите|по\ теме|подробнее|источник
          |lesen\ sie\ auch|mehr\ dazu|lire\ aussi|czytaj\ także|czytaj\ też|leer\ más
          |tags|topics|filed\ under|categories|теги|метки|рубрики|schlagwörter|themen
        )\s*[:|»›>→]
      | (?:photos?|photograph|image|picture|pic|fotos?|fot|bild|titelbild|credits?|crédits?
          |фото|фотография|иллюстрация|источник\ фото)(?:\s+\w+)?\s*[.:©/|]
      | (?:photo|photograph|image|picture)\s+(?:by|credit|source)\b
      | image\ source\b
      | (?:©|(?:\(c\)|copyright)\s*(?:©|\(c\)|\d{4}))
      | (?:share|поделиться)(?:\s+(?:on|this|via|to|in|article|story)\b[^.!?]{0,60})?$
      | follow\ (?:us|@?\w+\ on)\b
      | (?:подписывайтесь|подпишитесь)\b
      | (?:subscribe|sign\ up)\b.*\b(?:newsletter|free|now|today|to\ our|for\ our)\b
      | (?:download|get|install)\b.{0,60}\b(?:our\ apps?|apps?\ for|app\ store|google\ play
          |ios|android)\b
      | for\ the\ latest\b.*\bapps?\b
      | https?://\S+$
    )""",
    re.I | re.X,
)
_ANYWHERE = re.compile(
    r"all rights reserved|not logged in|nicht eingeloggt|все права защищены", re.I
)
_COPYRIGHT = re.compile(r"(?:©|(?:\(c\)|copyright)\s*(?:©|\(c\)|\d{4}))")
# A banner speaks for the site ("we use cookies"); a story about cookies does not.
_COOKIE_BANNER = re.compile(
    r"""\b(?:we|this\ (?:web)?site|our\ (?:web)?site|мы|этот\ сайт|наш\ сайт)\b[^.]{0,60}?
          \b(?:use|uses|using|используем|использует)\b[^.]{0,40}?\b(?:cookies?|файлы?\ cookie)
      | by\ continuing\ to\ (?:use|browse)""",
    re.I | re.X,
)
_SHARE_WORDS = frozenset(
    {
        "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "email", "e-mail", "mail",
        "print", "reddit", "pinterest", "vk", "vkontakte", "ok", "odnoklassniki", "viber",
        "messenger", "copy", "link", "share", "tweet", "flipboard", "pocket", "tumblr", "xing",
        "threads", "bluesky", "mastodon", "sms", "on", "via", "вконтакте", "одноклассники",
        "телеграм", "поделиться", "в",
    }
)
_TOKEN = re.compile(r"[\w@.-]+")
_NAV_SEPARATORS = ("|", "›", "»", ">", "/", "•", "·")
_SENTENCE_END = tuple(".!:;…")
_BLANK_RUNS = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """`text` without its furniture lines; unchanged (the same object) if it has none."""
    lines = text.split("\n")
    drop = [False] * len(lines)
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
        if key in _LIST_HEADINGS or (len(s) < 60 and _MORE_FROM.match(key)):
            drop[i] = True
            in_list = MAX_LIST
        elif _furniture(s, key):
            drop[i] = True
    if not any(drop):
        return text
    kept = "\n".join(line for line, gone in zip(lines, drop, strict=True) if not gone)
    kept = _BLANK_RUNS.sub("\n\n", kept).lstrip("\n")
    if text.endswith("\n"):
        kept = kept.rstrip("\n") + "\n"
    return kept


def _furniture(s: str, key: str) -> bool:
    if key in _FURNITURE:
        return True
    if "cookie" in key and _COOKIE_BANNER.search(key):
        return True
    if len(s) > SHORT_LINE:
        return bool(_COPYRIGHT.match(key) or _ANYWHERE.search(key[-40:]))
    stripped = s.lstrip(_EDGES)
    if _PREFIXED.match(stripped) or _ANYWHERE.search(key):
        return True
    return _share_line(key) or _navigation(s)


def _share_line(key: str) -> bool:
    """"Facebook Twitter WhatsApp Email": nothing but share buttons."""
    tokens = _TOKEN.findall(key)
    return 2 <= len(tokens) <= 12 and all(t.strip(".-") in _SHARE_WORDS for t in tokens)


def _navigation(s: str) -> bool:
    """"Home › News › World": three or more short items joined by one separator."""
    if len(s) > 160 or s.endswith(_SENTENCE_END) or s.startswith("|") or s.endswith("|"):
        return False  # nor a table row, which trafilatura writes as "| a | b |"
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
