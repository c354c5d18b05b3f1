"""A done act's month or day told without a year: a report cannot tell a past act in a
month still to come, so a bare month the date reader places just after publication (it
allows plans a short window ahead) is, for a done act, the one of the year before."""

from __future__ import annotations

from datetime import date

from clampdown.extract.pipeline import extract
from clampdown.model import Document

PUB = date(2024, 9, 20)


def dates(text: str, lang: str = "ru") -> set[tuple[str, str | None]]:
    doc = Document(id="t", text=text, published=PUB, lang=lang)
    return {(e.type, e.date) for e in extract(doc).events}


def test_a_done_fine_in_a_later_month_is_last_years() -> None:
    assert dates("В ноябре суд оштрафовал Telegram на 4 млн рублей.") == {("FINE", "2023-11")}


def test_a_done_block_on_a_later_day_is_last_years() -> None:
    assert dates("15 октября Роскомнадзор заблокировал Twitter.") == {("BLOCK", "2023-10-15")}


def test_an_earlier_month_stays_in_the_report_year() -> None:
    assert dates("В августе суд оштрафовал Telegram на 4 млн рублей.") == {("FINE", "2024-08")}


def test_a_planned_act_keeps_its_month_ahead() -> None:
    found = dates("Роскомнадзор заблокирует Twitter в ноябре.")
    assert found == {("BLOCK", "2024-11")}


def test_a_stated_year_is_kept() -> None:
    found = dates("В ноябре 2023 года суд оштрафовал Telegram на 4 млн рублей.")
    assert found == {("FINE", "2023-11")}
