"""Fines in a currency one can sum, and a check of the conversions articles print.

A ruble fine and a lira fine cannot be added or ranked; at the action date's ECB reference
rate both can. The rates ship with the `currencyconverter` package, so nothing is fetched:
a day without a rate (a weekend, a holiday) takes the nearest earlier day that has one, and
a rate older than MAX_RATE_AGE (the ECB stopped publishing the ruble in March 2022) gives no
conversion rather than a wrong one.

Articles often restate a fine in another currency ("21 million rubles (245,000 euros)").
That figure is the reporter's, not ours: it is compared with the reference rate and flagged
when it is off by more than CONVERSION_TOLERANCE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

from clampdown.extract.money import find_money

MAX_RATE_AGE = timedelta(days=31)
CONVERSION_TOLERANCE = 0.05
TARGETS = ("EUR", "USD")


@cache
def converter() -> CurrencyConverter:
    """The ECB history bundled with the package, read once per process (about 0.2 s)."""
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


@dataclass(frozen=True, slots=True)
class Conversion:
    """An amount in euros and dollars, and the day whose reference rates were used."""

    eur: float | None
    usd: float | None
    rate_date: date | None


@dataclass(frozen=True, slots=True)
class StatedCheck:
    """An article's own conversion of an amount, and how far it is from the reference rate.

    `deviation` is stated / expected - 1; `ok` is False when its size exceeds the tolerance.
    `expected` is None when no rate exists for the day, and then `ok` is None too.
    """

    amount: float
    currency: str
    expected: float | None
    deviation: float | None
    ok: bool | None
    rate_date: date | None


def _rate_day(currency: str, other: str, on: date) -> date | None:
    """The latest day on or before `on`, at most MAX_RATE_AGE earlier, with both rates."""
    c = converter()
    if currency not in c.currencies or other not in c.currencies:
        return None
    last = min(c.bounds[currency].last_date, c.bounds[other].last_date)
    first = max(c.bounds[currency].first_date, c.bounds[other].first_date)
    day: date = min(on, last)
    while day >= first and on - day <= MAX_RATE_AGE:
        try:
            c.convert(1, currency, other, date=day)
            return day
        except RateNotFoundError:
            day -= timedelta(days=1)
    return None


@lru_cache(maxsize=1 << 16)
def _rate(currency: str, to: str, on: date) -> tuple[float, date] | None:
    """One unit of `currency` in `to` on `on` or the nearest earlier day with both rates;
    cached, as a batch of fines asks for the same few days again and again."""
    day = _rate_day(currency, to, on)
    if day is None:
        return None
    return float(converter().convert(1, currency, to, date=day)), day


def convert(amount: float, currency: str, to: str, on: date) -> tuple[float, date] | None:
    """`amount` in `to` at the reference rate of `on` (or the nearest earlier day)."""
    if currency == to:
        return amount, on
    rate = _rate(currency, to, on)
    return (amount * rate[0], rate[1]) if rate else None


def to_reference(amount: float | None, currency: str | None, on: date | None) -> Conversion:
    """`amount` in EUR and USD at `on`; all None when the amount, currency or day is missing
    or no recent enough rate exists."""
    if amount is None or not currency or on is None:
        return Conversion(None, None, None)
    out: dict[str, float | None] = {}
    days: list[date] = []
    for to in TARGETS:
        got = convert(amount, currency, to, on)
        out[to] = got[0] if got else None
        if got and to != currency:
            days.append(got[1])
    rate_date = min(days) if days else (on if any(out.values()) else None)
    return Conversion(out["EUR"], out["USD"], rate_date)


def check_stated(
    evidence: str, lang: str | None, amount: float | None, currency: str | None, on: date | None
) -> StatedCheck | None:
    """The conversion the evidence prints right after the event's amount, checked against
    the reference rate; None when the evidence gives none.

    The evidence may hold several fines ("21 million rubles (245,000 euros) for Facebook and
    5 million rubles (58,200 euros) for Twitter"): the figure checked is the bracketed one
    following this event's own amount.
    """
    if amount is None or not currency:
        return None
    found = find_money(evidence, lang)
    for i, m in enumerate(found):
        if m.converted or m.currency != currency or m.amount is None:
            continue
        if abs(m.amount - amount) > 1e-6 * max(1.0, abs(amount)):
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is None or not nxt.converted or nxt.amount is None or not nxt.currency:
            return None
        expected = convert(amount, currency, nxt.currency, on) if on else None
        if expected is None or expected[0] == 0:
            return StatedCheck(nxt.amount, nxt.currency, None, None, None, None)
        deviation = nxt.amount / expected[0] - 1
        return StatedCheck(
            amount=nxt.amount,
            currency=nxt.currency,
            expected=expected[0],
            deviation=deviation,
            ok=abs(deviation) <= CONVERSION_TOLERANCE,
            rate_date=expected[1],
        )
    return None


def action_day(value: str | None, published: date | None) -> date | None:
    """The day whose rate applies to an act dated `value` (YYYY[-MM[-DD]]).

    A full date is used as is. A partial one is narrowed by the publication date when that
    falls inside it (the act happened by then), else its first day. No date at all: the
    publication date, the best bound there is.
    """
    if value and len(value) == 10:
        return date.fromisoformat(value)
    if value:
        lo, hi = date_bounds(value)
        if published and lo <= published <= hi:
            return published
        return lo
    return published


def date_bounds(value: str) -> tuple[date, date]:
    """First and last day of a YYYY, YYYY-MM or YYYY-MM-DD value."""
    if len(value) == 4:
        y = int(value)
        return date(y, 1, 1), date(y, 12, 31)
    if len(value) == 7:
        y, m = int(value[:4]), int(value[5:7])
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date(y, m, 1), nxt - timedelta(days=1)
    d = date.fromisoformat(value)
    return d, d
