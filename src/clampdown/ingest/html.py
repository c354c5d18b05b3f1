"""Web pages to article text and what the page says about itself.

trafilatura separates the article from menus, footers and comments better than anything
simple; it runs once per page, on a tree parsed once. The page's own metadata (title,
date, site, author, canonical URL, language) is read here from its <meta>, <link> and
JSON-LD, which costs a fraction of trafilatura's own metadata pass: dates matter for
resolving "on Friday", so they come from the page, never from text heuristics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from clampdown.ingest.charset import CharsetError, decode
from clampdown.ingest.cleanup import clean_text

EARLIEST_YEAR = 1990  # older "dates" in metadata are template defaults, not publication
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

# <meta> keys (name, property or itemprop, lower-cased) in the order they are trusted.
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "date",
)
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
_TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "twitter:site")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_LANG_KEYS = ("content-language", "language", "dc.language", "og:locale")
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_LD_AUTHOR = re.compile(r'"author"\s*:\s*(?:\[\s*)?\{[^{}]*?"name"\s*:\s*"([^"]{1,200})"')
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_URL_DATE = re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$)")


class PageError(ValueError):
    """The bytes are not a page with article text; the reason says which."""


@dataclass(frozen=True, slots=True)
class Page:
    """A page's main text (cleaned) and what its markup says about it."""

    text: str
    title: str | None = None
    published: date | None = None
    site_name: str | None = None
    author: str | None = None
    url: str | None = None  # canonical when the page names one, else where it was found
    lang: str | None = None  # as the page declares it (ISO 639-1), which may be wrong


def read_page(data: bytes, *, url: str | None = None, charset: str | None = None) -> Page:
    """The article in the HTML `data`; `charset` is one declared outside (HTTP).

    Raises PageError when the bytes do not decode, parse, or hold any article text.
    """
    return page_from_markup(page_markup(data, charset), url=url)


def page_markup(data: bytes, charset: str | None) -> str:
    """The text of an HTML page's bytes, for either reader; undecodable bytes are a
    PageError like any other unreadable page."""
    try:
        return decode(data, charset)
    except CharsetError as e:
        raise PageError(str(e)) from None


def page_from_markup(markup: str, *, url: str | None = None) -> Page:
    """The article in an HTML string (a whole page or a fragment, as feeds carry)."""
    tree = _parse(markup)
    meta = _Meta(tree)
    try:
        extracted = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, with_metadata=False
        )
    except Exception:  # hostile markup must cost a page (then read plainly), not the batch
        extracted = None
    # trafilatura answers a dict only when asked for one (`as_dict`), never here.
    body = extracted.text if extracted is not None and not isinstance(extracted, dict) else None
    text = clean_text(body) if body else ""
    if not text.strip():
        text = _fallback_text(tree)
    if not text.strip():
        raise PageError("no article text found in the page")
    title = meta.title()
    return Page(
        text=with_headline(text, meta.headline(title)),
        title=title,
        published=meta.published(url),
        site_name=meta.first(_SITE_KEYS),
        author=meta.author(),
        url=meta.canonical(url),
        lang=meta.lang(),
    )


def with_headline(text: str, headline: str | None) -> str:
    """`text` led by its headline, as a reader sees the article and as .txt copies keep it.

    Headlines often state the event the lede then tells; trafilatura keeps an <h1> only
    when it sits inside the article's container, so it is put back when it is missing.
    """
    if not headline or text.lstrip().startswith(headline):
        return text
    return f"{headline}\n{text}"


def _parse(markup: str) -> HtmlElement:
    markup = _XML_DECLARATION.sub("", markup, count=1)  # lxml refuses one in a str
    tree = _load(markup)
    if tree is None:  # a fragment without <html>: trafilatura wants a whole document
        tree = _load(f"<html><body><div>{markup}</div></body></html>")
    if tree is None:
        raise PageError("not HTML: no elements could be parsed")
    return tree


def _load(markup: str) -> HtmlElement | None:
    try:
        return load_html(markup)
    except Exception:  # lxml's own limits (a tree too deep): this markup is not a page
        return None


def _fallback_text(tree: HtmlElement) -> str:
    """Paragraph text when trafilatura finds no article: short pages and fragments."""
    paragraphs = (" ".join(p.text_content().split()) for p in tree.iter("p", "li", "h1", "h2"))
    return clean_text("\n".join(p for p in paragraphs if p))


class _Meta:
    """The <meta>, <link rel> and JSON-LD facts of one page, read in one walk."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self.values: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.times: list[str] = []  # <time datetime>, those marked as publication first
        self.elements: dict[str, HtmlElement] = {}  # the first <title> and <h1>
        ld: list[str] = []
        marked: list[str] = []
        for el in tree.iter("meta", "link", "script", "time", "title", "h1"):  # one walk
            tag = el.tag
            if tag == "meta":
                key = el.get("property") or el.get("name") or el.get("itemprop")
                key = key or el.get("http-equiv")
                value = el.get("content")
                if key and value and value.strip():
                    self.values.setdefault(key.strip().lower(), value.strip())
            elif tag == "link":
                rel, href = (el.get("rel") or "").lower(), el.get("href")
                if rel and href:
                    self.links.setdefault(rel, href.strip())
            elif tag == "script":
                if (el.get("type") or "").lower() == "application/ld+json":
                    ld.append(el.text or "")
            elif tag == "time":
                if when := el.get("datetime"):
                    is_pub = el.get("pubdate") is not None or el.get("itemprop") == "datePublished"
                    (marked if is_pub else self.times).append(when)
            else:
                self.elements.setdefault(tag, el)
        self.times[:0] = marked
        self.marked = len(marked)
        self.json_ld = "\n".join(ld)

    def first(self, keys: tuple[str, ...]) -> str | None:
        for key in keys:
            if value := self.values.get(key):
                return value
        return None

    def title(self) -> str | None:
        title = self.first(_TITLE_KEYS)
        if title:
            return title
        for tag in ("title", "h1"):
            el = self.elements.get(tag)
            if el is not None and (text := " ".join(el.text_content().split())):
                return text
        return None

    def headline(self, title: str | None) -> str | None:
        """The visible <h1>, when the page's title shows it is the article's headline."""
        el = self.elements.get("h1")
        if el is None or title is None:
            return None
        text = " ".join(el.text_content().split())
        return text if len(text) > 10 and text in title else None

    def published(self, url: str | None) -> date | None:
        """The publication day: stated as such first, then modification, then any <time>."""
        candidates = [
            *(self.values.get(k) for k in _DATE_KEYS),
            *_LD_DATE.findall(self.json_ld),
            *self.times[: self.marked],
            *(self.values.get(k) for k in _MODIFIED_KEYS),
            *self.times[self.marked :],
        ]
        for value in candidates:
            if value and (day := parse_date(value)):
                return day
        for where in (self.canonical(url), url):
            if where and (m := _URL_DATE.search(where)):
                return _valid(*m.groups())
        return None

    def author(self) -> str | None:
        value = self.first(_AUTHOR_KEYS)
        if value and not value.startswith("http"):
            return value
        m = _LD_AUTHOR.search(self.json_ld)
        return m.group(1) if m else None

    def canonical(self, url: str | None) -> str | None:
        found = self.links.get("canonical") or self.values.get("og:url")
        if found and found.startswith(("http://", "https://", "/")):
            return urljoin(url, found) if url else found
        return url

    def lang(self) -> str | None:
        value = self.tree.get("lang") or self.tree.get("xml:lang") or self.first(_LANG_KEYS)
        code = (value or "").strip().lower()[:3].rstrip("-_")
        return code if len(code) == 2 and code.isalpha() else None


def parse_date(value: str) -> date | None:
    """The calendar day of an ISO or RFC 2822 timestamp, or None if it is neither."""
    value = value.strip()
    m = _ISO_DATE.match(value)
    if m:
        return _valid(*m.groups())
    try:
        return _sane(parsedate_to_datetime(value).date())
    except (TypeError, ValueError, IndexError):
        return None


def _valid(year: str, month: str, day: str) -> date | None:
    try:
        return _sane(date(int(year), int(month), int(day)))
    except ValueError:
        return None


def _sane(day: date) -> date | None:
    if day.year < EARLIEST_YEAR or day.year > datetime.now().year + 1:
        return None
    return day
