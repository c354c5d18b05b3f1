"""The Bank of Russia's official rouble rates: the reference for RUB after the ECB dropped it.

The ECB stopped publishing the rouble on 1 March 2022, so a Russian fine after that has no
ECB rate. The Bank of Russia sets an official rate for each working day; a table of them
ships with the package (`kb/rates/bank_of_russia.csv`, provenance in the README beside it)
and `clampdown rates update` extends it from the bank's XML_dynamic service when online.

The table holds roubles per one unit of a currency (the service's Value / Nominal) by the
day the rate applies from, which is how the service dates its records.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

SOURCE = "Bank of Russia"
RATES_FILE = Path(__file__).resolve().parent.parent / "kb" / "rates" / "bank_of_russia.csv"
SERVICE = "https://www.cbr.ru/scripts/XML_dynamic.asp"
# The bank's own codes of the currencies kept (VAL_NM_RQ of XML_dynamic).
CODES = {"USD": "R01235", "EUR": "R01239"}
HEADER = ("date", "currency", "rub")


class RatesError(Exception):
    """The service could not be reached or answered something that is not a rate table."""


@cache
def rates() -> dict[str, tuple[tuple[date, ...], tuple[float, ...]]]:
    """The shipped table, read once: per currency, its days in order and the rates."""
    return _index(read_table(RATES_FILE))


def read_table(path: Path) -> dict[tuple[date, str], float]:
    """Rows of a rates file, (day, currency) -> roubles per unit; none when it is missing."""
    if not path.exists():
        return {}
    out: dict[tuple[date, str], float] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[(date.fromisoformat(row["date"]), row["currency"])] = float(row["rub"])
    return out


def write_table(path: Path, table: Mapping[tuple[date, str], float]) -> None:
    """Write `table` sorted by day and currency, atomically (a reader never sees half)."""
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for (day, cur), rub in sorted(table.items()):
            w.writerow((day.isoformat(), cur, _plain(rub)))
    tmp.replace(path)


def _plain(x: float) -> str:
    """A rate as the bank prints it: four decimals at most, no trailing zeros."""
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _index(table: Mapping[tuple[date, str], float]
           ) -> dict[str, tuple[tuple[date, ...], tuple[float, ...]]]:
    by_cur: dict[str, list[tuple[date, float]]] = {}
    for (day, cur), rub in sorted(table.items()):
        by_cur.setdefault(cur, []).append((day, rub))
    return {c: (tuple(d for d, _ in v), tuple(r for _, r in v)) for c, v in by_cur.items()}


def rub_rate(currency: str, on: date, max_age: timedelta) -> tuple[float, date] | None:
    """Roubles per unit of `currency` in force on `on`: the latest rate set on or before it,
    at most `max_age` old (the bank sets none on weekends and holidays)."""
    days, values = rates().get(currency, ((), ()))
    i = bisect_right(days, on) - 1
    if i < 0 or on - days[i] > max_age:
        return None
    return values[i], days[i]


def covered(currency: str) -> tuple[date, date] | None:
    """The first and last day of the table for `currency`."""
    days = rates().get(currency, ((), ()))[0]
    return (days[0], days[-1]) if days else None


def parse_dynamic(xml: bytes, currency: str) -> dict[tuple[date, str], float]:
    """Rows of one XML_dynamic answer (windows-1251, as the bank sends it):

    <ValCurs ID="R01235" DateRange1="01.03.2022" DateRange2="05.03.2022" ...>
      <Record Date="02.03.2022" Id="R01235"><Nominal>1</Nominal><Value>91,7457</Value></Record>

    Refused when it is not that document or names another currency than asked for, so a
    wrong answer is never stored under the currency requested."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        raise RatesError(f"the answer is not XML ({e})") from e
    code = CODES[currency]
    if root.tag != "ValCurs" or root.get("ID") != code:
        raise RatesError(f"the answer is not the rate table of {currency} ({code})")
    out: dict[tuple[date, str], float] = {}
    for rec in root.iter("Record"):
        try:
            if rec.get("Id") != code:
                raise ValueError(f"a record of {rec.get('Id')}")
            day = datetime.strptime(rec.get("Date", ""), "%d.%m.%Y").date()
            nominal = int(_text(rec, "Nominal"))
            value = float(_text(rec, "Value").replace(",", "."))
        except ValueError as e:
            raise RatesError(f"a record the table cannot hold ({e})") from e
        if nominal <= 0 or value <= 0:
            raise RatesError(f"a record of {day} without a positive rate")
        out[(day, currency)] = value / nominal
    return out


def _text(rec: ET.Element, tag: str) -> str:
    node = rec.find(tag)
    if node is None or not node.text:
        raise ValueError(f"no {tag}")
    return node.text.strip()


def service_url(currency: str, start: date, end: date) -> str:
    """The XML_dynamic query for `currency` from `start` to `end`."""
    return (f"{SERVICE}?date_req1={start:%d/%m/%Y}&date_req2={end:%d/%m/%Y}"
            f"&VAL_NM_RQ={CODES[currency]}")


def fetch(currency: str, start: date, end: date, timeout: float = 30.0
          ) -> dict[tuple[date, str], float]:
    """The bank's rates of `currency` from `start` to `end`, read from its service."""
    import httpx

    url = service_url(currency, start, end)
    try:
        r = httpx.get(url, timeout=timeout, follow_redirects=True,
                      headers={"User-Agent": "clampdown-rates/1"})
        r.raise_for_status()
    except httpx.HTTPError as e:
        raise RatesError(f"cannot read {SERVICE} ({e}); no rates were changed") from e
    return parse_dynamic(r.content, currency)


def merge(path: Path, fresh: Iterable[Mapping[tuple[date, str], float]]) -> tuple[int, int]:
    """Add fetched rows to the file at `path`: (rows added, rows whose rate changed)."""
    table = read_table(path)
    added = changed = 0
    for rows in fresh:
        for key, rub in rows.items():
            old = table.get(key)
            if old is None:
                added += 1
            elif abs(old - rub) > 1e-9:
                changed += 1
            table[key] = rub
    write_table(path, table)
    return added, changed
