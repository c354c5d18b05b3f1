"""The Bank of Russia's rouble rates: the shipped table, the service's answers read, and
`clampdown rates update` without a network."""

from __future__ import annotations

import csv
import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clampdown.cli import app
from clampdown.link import cbr

# An answer of XML_dynamic as the bank documents it: windows-1251, comma decimals, one
# Record per day the rate applies from (none on Sundays and Mondays after a Saturday's).
ANSWER = (
    '<?xml version="1.0" encoding="windows-1251"?>\n'
    '<ValCurs ID="R01235" DateRange1="01.06.2024" DateRange2="05.06.2024" '
    'name="Foreign Currency Market Dynamic">\n'
    '<Record Date="01.06.2024" Id="R01235"><Nominal>1</Nominal><Value>90,0000</Value>'
    "<VunitRate>90</VunitRate></Record>\n"
    '<Record Date="04.06.2024" Id="R01235"><Nominal>1</Nominal><Value>89,5000</Value>'
    "<VunitRate>89,5</VunitRate></Record>\n"
    '<Record Date="05.06.2024" Id="R01235"><Nominal>10</Nominal><Value>887,2500</Value>'
    "<VunitRate>88,725</VunitRate></Record>\n"
    "</ValCurs>"
).encode("cp1251")


def test_the_service_answer_is_read_per_unit_and_by_day() -> None:
    rows = cbr.parse_dynamic(ANSWER, "USD")
    assert rows == {
        (date(2024, 6, 1), "USD"): 90.0,
        (date(2024, 6, 4), "USD"): 89.5,
        (date(2024, 6, 5), "USD"): pytest.approx(88.725),
    }


@pytest.mark.parametrize(
    "answer",
    [
        b"<html><body>Service unavailable</body></html>",
        b"not xml at all",
        ANSWER.replace(b'ValCurs ID="R01235"', b'ValCurs ID="R01239"'),  # the euro's table
        ANSWER.replace(b"<Value>89,5000</Value>", b"<Value>n/a</Value>"),
        ANSWER.replace(b'Date="04.06.2024"', b'Date="2024-06-04"'),
    ],
)
def test_an_answer_that_is_not_the_asked_table_is_refused(answer: bytes) -> None:
    with pytest.raises(cbr.RatesError):
        cbr.parse_dynamic(answer, "USD")


def test_the_shipped_table_covers_the_years_the_ecb_left_out() -> None:
    first, last = cbr.covered("USD") or (None, None)
    assert first is not None and last is not None
    assert first <= date(2022, 3, 1) and last >= date(2024, 12, 1)
    # The bank's rate of 11 March 2022, the rouble's low, in force over the weekend after.
    age = timedelta(days=31)
    assert cbr.rub_rate("USD", date(2022, 3, 11), age) == (120.3785, date(2022, 3, 11))
    assert cbr.rub_rate("USD", date(2022, 3, 13), age) == (116.7517, date(2022, 3, 12))
    assert cbr.rub_rate("USD", last + timedelta(days=40), age) is None
    assert cbr.rub_rate("USD", date(1999, 1, 1), age) is None


def _file_rows(currency: str) -> dict[date, float]:
    """The shipped file's rows of `currency`, read with nothing of the module's."""
    with cbr.RATES_FILE.open(encoding="utf-8", newline="") as f:
        return {date.fromisoformat(r["date"]): float(r["rub"])
                for r in csv.DictReader(f) if r["currency"] == currency}


def test_the_shipped_table_reaches_the_end_of_2024() -> None:
    """The rows after 31 May 2024 (provenance in the README beside the file): the rate of
    23 November 2024, reported as "102.58 rubles for November 23-25", is in force over that
    weekend, and the one set on 28 December 2024 over the New Year holidays."""
    rows, age = _file_rows("USD"), timedelta(days=31)
    saturday = date(2024, 11, 23)
    assert rows[saturday] == pytest.approx(102.58, abs=0.005)
    for day in (saturday, date(2024, 11, 24), date(2024, 11, 25)):
        assert cbr.rub_rate("USD", day, age) == (rows[saturday], saturday)
    last = max(rows)
    assert last == date(2024, 12, 29)
    assert cbr.rub_rate("USD", date(2025, 1, 9), age) == (rows[last], last)
    # Every day from June to December has a rate at most four days old (a weekend after a
    # holiday), all within the range the dollar moved in that half-year.
    days = sorted(d for d in rows if d >= date(2024, 6, 1))
    assert len(days) == 151
    assert max((b - a).days for a, b in itertools.pairwise(days)) <= 4
    assert all(80 < rows[d] < 115 for d in days)


def test_merge_adds_new_days_and_counts_changed_ones(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    cbr.write_table(path, {(date(2024, 6, 1), "USD"): 91.0})
    added, changed = cbr.merge(path, [cbr.parse_dynamic(ANSWER, "USD")])
    assert (added, changed) == (2, 1)
    assert path.read_text().splitlines() == [
        "date,currency,rub",
        "2024-06-01,USD,90",
        "2024-06-04,USD,89.5",
        "2024-06-05,USD,88.725",
    ]
    assert cbr.read_table(path)[(date(2024, 6, 5), "USD")] == pytest.approx(88.725)


def test_rates_update_merges_what_the_service_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, date, date]] = []

    def answer(cur: str, start: date, end: date, timeout: float) -> dict:
        asked.append((cur, start, end))
        return cbr.parse_dynamic(ANSWER, "USD") if cur == "USD" else {}

    monkeypatch.setattr(cbr, "fetch", answer)
    path = tmp_path / "rates.csv"
    cbr.write_table(path, {(date(2024, 5, 31), "USD"): 89.7869})
    result = CliRunner().invoke(
        app, ["rates", "update", "--file", str(path), "--until", "2024-06-05"]
    )
    assert result.exit_code == 0, result.output
    assert ("USD", date(2024, 6, 1), date(2024, 6, 5)) in asked  # from the day after the last
    assert len(cbr.read_table(path)) == 4


def test_rates_update_offline_says_so_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline(cur: str, start: date, end: date, timeout: float) -> dict:
        raise cbr.RatesError(f"cannot read {cbr.SERVICE} (no network); no rates were changed")

    monkeypatch.setattr(cbr, "fetch", offline)
    path = tmp_path / "rates.csv"
    cbr.write_table(path, {(date(2024, 5, 31), "USD"): 89.7869})
    before = path.read_text()
    result = CliRunner().invoke(app, ["rates", "update", "--file", str(path)])
    assert result.exit_code == 1
    assert "no rates were changed" in result.output
    assert path.read_text() == before


def test_the_service_url_asks_for_the_banks_code_and_days() -> None:
    url = cbr.service_url("EUR", date(2024, 6, 1), date(2024, 6, 30))
    assert url.endswith("date_req1=01/06/2024&date_req2=30/06/2024&VAL_NM_RQ=R01239")
