"""The Jinja2 environment and the helpers templates use to show values.

Autoescape is on for every template, so anything printed is HTML-escaped unless a template
marks it safe, and no template does that with article text (STYLE.md: only fields named
`*_html` may be unescaped, and none comes from an article).
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from clampdown.model import EVENT_TYPES

# Colour per type: each has at least 3:1 contrast against the white page (WCAG non-text).
TYPE_COLOURS = {
    "FINE": "#b3261e",
    "BLOCK": "#1d4e89",
    "THROTTLE": "#7a4e00",
    "DEMAND": "#6a1b9a",
    "WARNING": "#a14200",
    "SUMMONS": "#00696b",
    "LEGAL_ACTION": "#3b5b00",
    "ACCUSATION": "#8e244d",
    "COMPLIANCE": "#2e7d32",
    "REFUSAL": "#4a4a4a",
}


def money(value: float | int | None, currency: str | None = None) -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.2f}"
    return f"{text} {currency}" if currency else text


def type_label(t: str | None) -> str:
    return (t or "").replace("_", " ").lower().capitalize()


def safe_href(url: str | None) -> str | None:
    """Only http(s) links from articles become links (never javascript: or data:)."""
    if not url:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def host(url: str | None) -> str | None:
    """The site of a URL ("wire.example"), to name an outlet the input did not name."""
    if not url:
        return None
    name = urlsplit(url).hostname
    return name.removeprefix("www.") if name else None


def with_query(pairs: list[tuple[str, str]] | dict[str, Any], **changes: Any) -> str:
    """A query string from `pairs` with `changes` applied (None removes a key)."""
    items = dict(pairs if isinstance(pairs, list) else list(pairs.items()))
    for k, v in changes.items():
        if v is None:
            items.pop(k, None)
        else:
            items[k] = str(v)
    return urlencode(items)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("clampdown.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = money
    env.filters["type_label"] = type_label
    env.filters["safe_href"] = safe_href
    env.filters["host"] = host
    env.globals["TYPE_COLOURS"] = TYPE_COLOURS
    env.globals["EVENT_TYPES"] = EVENT_TYPES
    env.globals["with_query"] = with_query
    return env


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def error_page(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> HTMLResponse:
    response = render(request, "error.html", status=status, status_code=status,
                      message=message, title=f"Error {status}")
    if headers:
        response.headers.update(headers)
    return response
