"""Conversions at ECB reference rates, and checks of the conversions articles print."""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.link import cbr
from clampdown.link.money import (
    MAX_RATE_AGE,
    Conversion,
    action_day,
    check_stated,
    convert,
    date_bounds,
    reference_source,
    to_reference,
    unconverted_reason,
)

SEED_SENTENCE = (
    "The two digital giants were fined 21 million rubles (245,000 euros) for Facebook and "
    "5 million rubles (58,200 euros) for Twitter."
)


def test_a_day_without_rates_takes_the_nearest_earlier_day() -> None:
    saturday = date(2021, 9, 11)
    got = convert(1_000_000, "RUB", "EUR", saturday)
    friday = convert(1_000_000, "RUB", "EUR", date(2021, 9, 10))
    assert got is not None and friday is not None
    assert got == friday
    assert got[1] == date(2021, 9, 10)


def test_no_rate_rather_than_a_stale_one() -> None:
    """Past the last day of every table a fine gets no conversion, not a year-old rate."""
    assert convert(4_000_000, "RUB", "EUR", date(2030, 3, 2)) is None
    assert to_reference(4_000_000, "RUB", date(2030, 3, 2)) == Conversion(None, None, None)
    assert convert(5, "XYZ", "EUR", date(2023, 3, 2)) is None
    assert unconverted_reason(4_000_000, "RUB") and "Bank of Russia" in (
        unconverted_reason(4_000_000, "RUB") or "")
    assert unconverted_reason(None, "RUB") is None


def test_a_ruble_fine_after_the_ecb_dropped_the_ruble_takes_the_bank_of_russias_rate() -> None:
    """The ECB's last ruble rate is of 2022-03-01; a 2023 fine is converted at the Bank of
    Russia's dollar rate of the day (75.2513 on 2 March 2023), and euros through the ECB's
    euro-dollar rate of that day. Each figure names its sources."""
    assert date(2022, 3, 1) + MAX_RATE_AGE < date(2023, 3, 2)
    conv = to_reference(4_000_000, "RUB", date(2023, 3, 2))
    assert conv.usd == pytest.approx(4_000_000 / 75.2513)
    assert conv.rate_date == date(2023, 3, 2)
    assert conv.source == "ECB, Bank of Russia"
    usd_to_eur = convert(1, "USD", "EUR", date(2023, 3, 2))
    assert usd_to_eur is not None and usd_to_eur.source == "ECB"
    assert conv.eur == pytest.approx(conv.usd * usd_to_eur.value)
    dollars = convert(4_000_000, "RUB", "USD", date(2023, 3, 2))
    assert dollars is not None and dollars.source == "Bank of Russia"
    back = convert(1_000_000, "USD", "RUB", date(2023, 3, 4))  # a Saturday's rate
    assert back is not None and back.value == pytest.approx(75_459_200)
    assert reference_source("RUB", date(2023, 3, 2)) == "ECB, Bank of Russia"
    assert reference_source("RUB", date(2021, 9, 14)) == "ECB"
    assert reference_source("RUB", date(2030, 1, 1)) is None


def test_a_ruble_fine_of_late_2024_takes_the_banks_rate_of_its_day() -> None:
    """27 November 2024, in the rouble's steepest fall of that year: the dollar figure is at
    the bank's rate of the day as the shipped table has it, the euro figure through the
    ECB's euro-dollar rate of that day; a Sunday takes Saturday's rate."""
    rows = cbr.read_table(cbr.RATES_FILE)
    day = date(2024, 11, 27)
    conv = to_reference(4_000_000, "RUB", day)
    assert conv.usd == pytest.approx(4_000_000 / rows[(day, "USD")])
    assert conv.rate_date == day and conv.source == "ECB, Bank of Russia"
    usd_to_eur = convert(1, "USD", "EUR", day)
    assert usd_to_eur is not None and conv.eur == pytest.approx(conv.usd * usd_to_eur.value)
    sunday = convert(4_000_000, "RUB", "USD", date(2024, 12, 8))
    assert sunday is not None
    assert sunday.day == date(2024, 12, 7)
    assert sunday.value == pytest.approx(4_000_000 / rows[(date(2024, 12, 7), "USD")])


def test_reference_amounts_in_euros_and_dollars() -> None:
    conv = to_reference(21_000_000, "RUB", date(2021, 9, 14))
    assert conv.rate_date == date(2021, 9, 14) and conv.source == "ECB"
    assert conv.eur == pytest.approx(243_885, rel=1e-3)
    assert conv.usd is not None and conv.usd > conv.eur  # the euro was above the dollar
    euros = to_reference(1_000, "EUR", date(2021, 9, 14))
    assert euros.eur == 1_000
    assert to_reference(None, "RUB", date(2021, 9, 14)).eur is None
    assert to_reference(5, "XYZ", date(2021, 9, 14)).eur is None


def test_the_seed_conversions_are_consistent() -> None:
    day = date(2021, 9, 14)
    facebook = check_stated(SEED_SENTENCE, "en", 21_000_000, "RUB", day)
    twitter = check_stated(SEED_SENTENCE, "en", 5_000_000, "RUB", day)
    assert facebook is not None and twitter is not None
    assert (facebook.amount, facebook.currency, facebook.ok) == (245_000, "EUR", True)
    assert (twitter.amount, twitter.currency, twitter.ok) == (58_200, "EUR", True)
    assert abs(facebook.deviation or 1) < 0.01


def test_a_conversion_off_by_more_than_five_percent_is_flagged() -> None:
    text = "Facebook was fined 21 million rubles (about $500,000) on Tuesday."
    check = check_stated(text, "en", 21_000_000, "RUB", date(2021, 9, 14))
    assert check is not None
    assert check.ok is False and check.deviation is not None and check.deviation > 0.05


def test_no_stated_conversion_no_check() -> None:
    assert check_stated("Facebook was fined 21 million rubles.", "en", 21_000_000, "RUB",
                        date(2021, 9, 14)) is None
    # The amount of another fine in the sentence is not this event's.
    assert check_stated(SEED_SENTENCE, "en", 7_000_000, "RUB", date(2021, 9, 14)) is None


def test_action_days_and_date_bounds() -> None:
    assert action_day("2021-09-14", date(2021, 9, 16)) == date(2021, 9, 14)
    assert action_day("2021-09", date(2021, 9, 16)) == date(2021, 9, 16)
    assert action_day("2021-08", date(2021, 9, 16)) == date(2021, 8, 1)
    assert action_day(None, date(2021, 9, 16)) == date(2021, 9, 16)
    assert action_day(None, None) is None
    assert date_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_bounds("2021") == (date(2021, 1, 1), date(2021, 12, 31))


def test_a_stored_figure_names_its_source_and_a_missing_one_says_why() -> None:
    from clampdown.query.cases import money_notes

    assert money_notes(4_000_000, "RUB", 50_000.0, "2023-03-02") == {
        "rate_source": "ECB, Bank of Russia", "unconverted": None}
    assert money_notes(21_000_000, "RUB", 243_885.0, date(2021, 9, 14))["rate_source"] == "ECB"
    missing = money_notes(4_000_000, "RUB", None, date(2030, 1, 1))
    assert missing["rate_source"] is None and "Bank of Russia" in (missing["unconverted"] or "")
    assert money_notes(None, None, None, None) == {"rate_source": None, "unconverted": None}
