"""Fines in a currency one can sum, and a check of the conversions articles print.

A ruble fine and a lira fine cannot be added or ranked; at the action date's ECB reference
rate both can. The rates ship with the `currencyconverter` package, so nothing is fetched:
a day without a rate (a weekend, a holiday) takes the nearest earlier day that has one, and
a rate older than MAX_RATE_AGE gives no conversion rather than a wrong one.

The ECB stopped publishing the ruble in March 2022. For it the Bank of Russia's official
rates take over (`link/cbr.py`, a table shipped with the package): its dollar rate gives
dollars, and euros come from it and the ECB's euro-dollar rate of the day unless the table
holds the bank's euro rate too. Every conversion names the sources of its rates.

Articles often restate a fine in another currency ("21 million rubles (245,000 euros)").
That figure is the reporter's, not ours: it is compared with the reference rate and flagged
when it is off by more than CONVERSION_TOLERANCE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import NamedTuple

from currency_converter import CurrencyConverter, RateNotFoundError

from clampdown.extract.money import find_money
from clampdown.link import cbr

MAX_RATE_AGE = timedelta(days=31)
CONVERSION_TOLERANCE = 0.05
TARGETS = ("EUR", "USD")
ECB = "ECB"


@cache
def converter() -> CurrencyConverter:
    """The ECB history bundled with the package, read once per process (about 0.2 s)."""
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


class Converted(NamedTuple):
    """An amount in another currency, the day of the rate used, and whose rate it was."""

    value: float
    day: date
    source: str


@dataclass(frozen=True, slots=True)
class Conversion:
    """An amount in euros and dollars, the day whose reference rates were used, and whose
    rates they were ("ECB", "Bank of Russia", or both, comma-separated)."""

    eur: float | None
    usd: float | None
    rate_date: date | None
    source: str | None = None


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
    source: str | None = None


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
def _ecb_rate(currency: str, to: str, on: date) -> tuple[float, date] | None:
    """One unit of `currency` in `to` on `on` or the nearest earlier day with both ECB
    rates; cached, as a batch of fines asks for the same few days again and again."""
    day = _rate_day(currency, to, on)
    if day is None:
        return None
    return float(converter().convert(1, currency, to, date=day)), day


def _rub_rate(currency: str, to: str, on: date) -> Converted | None:
    """The same by the Bank of Russia's table, when one side is the ruble: its own rate of
    the other currency, else its dollar rate crossed with the ECB's rate of the dollar."""
    other = to if currency == "RUB" else currency
    direct = cbr.rub_rate(other, on, MAX_RATE_AGE)
    if direct is not None:
        rub, day = direct
        return Converted(1 / rub if currency == "RUB" else rub, day, cbr.SOURCE)
    dollar = cbr.rub_rate("USD", on, MAX_RATE_AGE)
    cross = _ecb_rate("USD", other, on) if dollar else None
    if dollar is None or cross is None:
        return None
    per_dollar = cross[0]  # units of `other` per dollar
    rate = per_dollar / dollar[0] if currency == "RUB" else dollar[0] / per_dollar
    return Converted(rate, min(dollar[1], cross[1]), f"{cbr.SOURCE}, {ECB}")


@lru_cache(maxsize=1 << 16)
def _rate(currency: str, to: str, on: date) -> Converted | None:
    """One unit of `currency` in `to`: the ECB's rate, or for the ruble when the ECB has
    none the Bank of Russia's."""
    ecb = _ecb_rate(currency, to, on)
    if ecb is not None:
        return Converted(ecb[0], ecb[1], ECB)
    if "RUB" in (currency, to) and currency != to:
        return _rub_rate(currency, to, on)
    return None


def convert(amount: float, currency: str, to: str, on: date) -> Converted | None:
    """`amount` in `to` at the reference rate of `on` (or the nearest earlier day)."""
    if currency == to:
        return Converted(amount, on, "")
    rate = _rate(currency, to, on)
    return Converted(amount * rate.value, rate.day, rate.source) if rate else None


def to_reference(amount: float | None, currency: str | None, on: date | None) -> Conversion:
    """`amount` in EUR and USD at `on`; all None when the amount, currency or day is missing
    or no recent enough rate exists."""
    if amount is None or not currency or on is None:
        return Conversion(None, None, None)
    out: dict[str, float | None] = {}
    days: list[date] = []
    sources: list[str] = []
    for to in TARGETS:
        got = convert(amount, currency, to, on)
        out[to] = got.value if got else None
        if got and to != currency:
            days.append(got.day)
            sources += [s for s in got.source.split(", ") if s not in sources]
    rate_date = min(days) if days else (on if any(out.values()) else None)
    source = ", ".join(sorted(sources, key=_SOURCE_ORDER.index)) if sources else None
    return Conversion(out["EUR"], out["USD"], rate_date, source)


_SOURCE_ORDER = [ECB, cbr.SOURCE]


def unconverted_reason(amount: float | None, currency: str | None) -> str | None:
    """Why an amount has no EUR or USD value, in words for a reader; None without amount."""
    if amount is None:
        return None
    if not currency:
        return "no currency stated"
    if currency == "RUB":
        return ("no ECB rate for RUB after March 2022, and none of the Bank of Russia "
                "within 31 days of the act in the rates shipped (clampdown rates update)")
    return f"no ECB reference rate for {currency} within 31 days of the act"


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
        if expected is None or expected.value == 0:
            return StatedCheck(nxt.amount, nxt.currency, None, None, None, None)
        deviation = nxt.amount / expected.value - 1
        return StatedCheck(
            amount=nxt.amount,
            currency=nxt.currency,
            expected=expected.value,
            deviation=deviation,
            ok=abs(deviation) <= CONVERSION_TOLERANCE,
            rate_date=expected.day,
            source=expected.source,
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


def reference_source(currency: str | None, on: date | None) -> str | None:
    """Whose rates convert an amount in `currency` dated `on` ("ECB", "Bank of Russia", or
    both), for naming the source beside a stored figure; None when none would."""
    if not currency or on is None:
        return None
    if currency in TARGETS:
        other = "USD" if currency == "EUR" else "EUR"
        rate = _rate(currency, other, on)
        return ECB if rate else None
    got = [r.source for r in (_rate(currency, to, on) for to in TARGETS) if r]
    names = [n for s in got for n in s.split(", ")]
    return ", ".join(sorted(set(names), key=_SOURCE_ORDER.index)) or None
