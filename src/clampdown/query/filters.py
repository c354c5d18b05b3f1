"""The filters every way of reading the store shares: API, dashboard, exports, watchlists.

One parser turns strings (query parameters, command-line options, a saved watchlist) into a
`CaseFilter`, so a filter means the same everywhere and a bad value gets the same message
everywhere. Values are bounded in length and number before they reach a query, and reach it
only as bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any, Protocol

from clampdown.link.money import date_bounds
from clampdown.model import EVENT_TYPES
from clampdown.query.names import STATUSES

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_DISPUTE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class Bounds(Protocol):
    """What a filter value is held to; the server's settings (`ServeSettings`) are Bounds."""

    @property
    def max_query_chars(self) -> int: ...

    @property
    def max_query_values(self) -> int: ...


@dataclass(frozen=True, slots=True)
class FilterBounds:
    """The default bounds, defined here once; `ServeSettings` takes its defaults from them."""

    max_query_chars: int = 200
    max_query_values: int = 20


DEFAULT_BOUNDS = FilterBounds()


class FilterError(ValueError):
    """A filter value that cannot be used; `field` names the parameter at fault."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """Which cases (or events) a reader wants. Empty fields do not filter.

    `actor`, `target` and `entity` (either side) are names, aliases, knowledge-base keys or
    numeric ids of entities; `since`/`until` keep acts whose date range overlaps them;
    `dispute` keeps the steps of one dispute (by its id, or an id it had before).
    """

    type: tuple[str, ...] = ()
    actor: str | None = None
    target: str | None = None
    entity: str | None = None
    country: tuple[str, ...] = ()
    status: str | None = None
    since: str | None = None
    until: str | None = None
    min_sources: int | None = None
    conflicts: bool | None = None
    q: str | None = None
    dispute: str | None = None

    def since_date(self) -> date | None:
        return date_bounds(self.since)[0] if self.since else None

    def until_date(self) -> date | None:
        return date_bounds(self.until)[1] if self.until else None

    def to_dict(self) -> dict[str, Any]:
        """Only the fields that filter, with lists for tuples: what a watchlist saves."""
        return set_fields(self)

    def to_query(self) -> list[tuple[str, str]]:
        """The filter as query parameters, for links that keep it."""
        return query_pairs(self.to_dict())

    def is_empty(self) -> bool:
        return not self.to_dict()


FILTER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(CaseFilter))


def parse_filter(raw: Mapping[str, Any], settings: Bounds | None = None) -> CaseFilter:
    """A `CaseFilter` from strings (or lists of strings, or a saved filter's JSON values).

    Raises FilterError naming the first bad field and saying what would be accepted.
    Unknown keys are the caller's business (a query string also holds `limit`, `sort`...).
    """
    s = settings or DEFAULT_BOUNDS
    types = tuple(v.upper() for v in _values(raw.get("type"), "type", s))
    for t in types:
        if t not in EVENT_TYPES:
            raise FilterError("type", f"{t!r} is not an event type; use one of "
                              + ", ".join(EVENT_TYPES))
    countries = tuple(v.upper() for v in _values(raw.get("country"), "country", s))
    for c in countries:
        if not _COUNTRY.match(c):
            raise FilterError("country", f"{c!r} is not a two-letter country code (RU, TR, EU)")
    status = _text(raw.get("status"), "status", s)
    if status is not None:
        status = status.lower()
        if status not in STATUSES:
            raise FilterError("status", f"{status!r} is not a status; use done or announced")
    since = _date(raw.get("since"), "since", s)
    until = _date(raw.get("until"), "until", s)
    if since and until and date_bounds(since)[0] > date_bounds(until)[1]:
        raise FilterError("until", f"{until} is before since={since}; swap them")
    return CaseFilter(
        type=tuple(dict.fromkeys(types)),
        actor=_text(raw.get("actor"), "actor", s),
        target=_text(raw.get("target"), "target", s),
        entity=_text(raw.get("entity"), "entity", s),
        country=tuple(dict.fromkeys(countries)),
        status=status,
        since=since,
        until=until,
        min_sources=_int(raw.get("min_sources"), "min_sources", 1, 10_000),
        conflicts=_bool(raw.get("conflicts"), "conflicts"),
        q=_text(raw.get("q"), "q", s),
        dispute=_dispute(raw.get("dispute"), s),
    )


def _dispute(value: Any, s: Bounds) -> str | None:
    text = _text(value, "dispute", s)
    if text is None:
        return None
    text = text.lower()
    if not _DISPUTE.match(text):
        raise FilterError("dispute", f"{text!r} is not a dispute id (such as "
                          "ru-twitter-2021-01-23); `clampdown disputes` lists them")
    return text


def _values(value: Any, name: str, s: Bounds) -> list[str]:
    """A repeated or comma-separated parameter as a list of non-empty strings."""
    if value is None:
        return []
    items: Iterable[Any] = value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for item in items:
        text = _text(item, name, s)
        if text:
            out.extend(p.strip() for p in text.split(",") if p.strip())
    if len(out) > s.max_query_values:
        raise FilterError(name, f"{len(out)} values, more than max_query_values "
                          f"({s.max_query_values})")
    return out


def _text(value: Any, name: str, s: Bounds) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        if len(value) != 1:
            raise FilterError(name, "give it once")
        value = value[0]
    text = str(value).strip()
    if not text:
        return None
    if len(text) > s.max_query_chars:
        raise FilterError(name, f"{len(text)} characters, longer than max_query_chars "
                          f"({s.max_query_chars})")
    if any(ord(ch) < 32 for ch in text):
        raise FilterError(name, "control characters are not allowed")
    return text


def _date(value: Any, name: str, s: Bounds) -> str | None:
    text = _text(value, name, s)
    if text is None:
        return None
    if not _DATE.match(text):
        raise FilterError(name, f"{text!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        date_bounds(text)
    except ValueError:
        raise FilterError(name, f"{text!r} is not a calendar date") from None
    return text


def _int(value: Any, name: str, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise FilterError(name, "must be a whole number")
    try:
        n = int(str(value).strip())
    except ValueError:
        raise FilterError(name, f"{value!r} is not a whole number") from None
    if not low <= n <= high:
        raise FilterError(name, f"{n} is out of range; use {low} to {high}")
    return n


def _bool(value: Any, name: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FilterError(name, f"{value!r} is not true or false")


def set_fields(f: Any) -> dict[str, Any]:
    """The fields of filter dataclass `f` that filter (neither None nor empty), with lists
    for tuples: the shape watchlists save, for case and dispute filters alike."""
    out: dict[str, Any] = {}
    for k, v in asdict(f).items():
        if v is None or v == ():
            continue
        out[k] = list(v) if isinstance(v, tuple) else v
    return out


def query_pairs(fields: dict[str, Any]) -> list[tuple[str, str]]:
    """Filter fields (`set_fields`) as query parameters, for links that keep them."""
    pairs: list[tuple[str, str]] = []
    for k, v in fields.items():
        if isinstance(v, list):
            pairs.append((k, ",".join(v)))
        elif isinstance(v, bool):
            pairs.append((k, "true" if v else "false"))
        else:
            pairs.append((k, str(v)))
    return pairs
