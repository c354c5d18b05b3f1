"""When an undated document appeared: its dated copies say, else its cases' other reports."""

from __future__ import annotations

from datetime import date, timedelta

from clampdown.link.cases import UNDATED_WINDOW, inferred_publication

ACT = (date(2021, 3, 10), date(2021, 3, 10))


def test_a_dated_copy_says_it_first() -> None:
    reports = [(date(2021, 3, 11), *ACT)]
    assert inferred_publication(date(2021, 3, 20), reports) == ("copies", date(2021, 3, 20))


def test_the_earliest_contemporaneous_report_of_its_cases() -> None:
    reports = [(date(2021, 3, 12), *ACT), (date(2021, 3, 11), *ACT),
               (date(2021, 9, 1), *ACT)]  # a background mention months later
    assert inferred_publication(None, reports) == ("cases", date(2021, 3, 11))


def test_a_case_with_no_date_takes_any_report() -> None:
    assert inferred_publication(None, [(date(2022, 1, 5), None, None)]) == (
        "cases", date(2022, 1, 5))


def test_only_late_reports_give_the_latest_as_a_bound() -> None:
    late = ACT[1] + UNDATED_WINDOW
    reports = [(late + timedelta(days=5), *ACT), (late + timedelta(days=40), *ACT)]
    assert inferred_publication(None, reports) == ("cases", late + timedelta(days=40))


def test_nothing_tells() -> None:
    assert inferred_publication(None, []) is None
