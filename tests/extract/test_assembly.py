"""Events made from an act's parties and amounts (`extract/assembly.py`)."""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.extract.pipeline import extract
from clampdown.model import Document


def amounts(text: str) -> list[tuple[str | None, float | None]]:
    doc = Document(id="t", text=text, published=date(2023, 5, 4), lang="en")
    return sorted(
        ((e.target, e.amount) for e in extract(doc).events if e.type == "FINE"),
        key=lambda p: (p[0] or "", p[1] or 0),
    )


def test_a_sum_beside_each_target_s_own_amount_is_not_a_fine_of_its_own() -> None:
    text = (
        "The Korea Communications Commission said it would fine Google and Apple up to 40"
        " billion won, including 30 billion won for Google and 10 billion won for Apple."
    )
    assert amounts(text) == [("Apple", 10_000_000_000), ("Google", 30_000_000_000)]


def test_a_combined_amount_is_no_one_target_s_fine() -> None:
    text = "The CNIL fined Facebook and Google a combined 90 million euros over cookie banners."
    assert amounts(text) == [("Facebook", None), ("Google", None)]


def test_an_amount_given_to_each_target_stays_each_one_s() -> None:
    text = "The CNIL fined Facebook and Google 20 million euros each over cookie banners."
    assert amounts(text) == [("Facebook", 20_000_000), ("Google", 20_000_000)]


def test_an_amount_followed_by_in_combined_fines_is_no_one_target_s() -> None:
    text = (
        "The regulator KCC said it seeks up to 40 billion won (US$30 million) in combined fines"
        " against Google and Apple."
    )
    assert amounts(text) == [("Apple", None), ("Google", None)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The CNIL has fined Google three times: in April 2021 for 5 million euros, in"
            " November 2021 for 2 million euros and in February 2022 for another 2 million euros.",
            "en",
        ),
        (
            "Суд оштрафовал Google трижды: в апреле 2021 года на 5 млн рублей, в ноябре 2021 года"
            " на 2 млн рублей и в феврале 2022 года еще на 2 млн рублей.",
            "ru",
        ),
    ],
)
def test_each_of_several_fines_takes_the_date_of_its_own_part(text: str, lang: str) -> None:
    doc = Document(id="t", text=text, published=date(2024, 5, 10), lang=lang)
    got = sorted((e.date, e.amount) for e in extract(doc).events if e.type == "FINE")
    assert got == [("2021-04", 5e6), ("2021-11", 2e6), ("2022-02", 2e6)]


def test_a_dash_links_a_date_to_its_sum() -> None:
    text = (
        "Суд неоднократно штрафовал Google: в апреле 2023 года – на 5 миллионов рублей, в ноябре"
        " 2023 года – на 2 миллиона рублей."
    )
    doc = Document(id="t", text=text, published=date(2024, 5, 10), lang="ru")
    got = sorted((e.date, e.amount) for e in extract(doc).events if e.type == "FINE")
    assert got == [("2023-04", 5e6), ("2023-11", 2e6)]


def ru_amounts(text: str) -> list[tuple[str | None, float | None]]:
    doc = Document(id="t", text=text, published=date(2021, 9, 24), lang="ru")
    return sorted(
        ((e.target, e.amount) for e in extract(doc).events if e.type == "FINE"),
        key=lambda p: (p[0] or "", p[1] or 0),
    )


def test_amounts_told_in_turn_with_their_targets_go_one_to_each_in_order() -> None:
    text = (
        "Мировым судом Москвы WhatsApp оштрафовали на 4 млн рублей, Twitter и Facebook – на 17"
        " и 15 млн рублей."
    )
    assert ru_amounts(text) == [
        ("Facebook", 15_000_000),
        ("Twitter", 17_000_000),
        ("WhatsApp", 4_000_000),
    ]


def test_targets_named_before_all_their_amounts_each_get_every_amount() -> None:
    text = (
        "Twitter and Periscope were among the platforms fined 10 million lira in November and"
        " a further 30 million lira in December for ignoring the requirement."
    )
    assert amounts(text) == [
        ("Periscope", 10_000_000),
        ("Periscope", 30_000_000),
        ("Twitter", 10_000_000),
        ("Twitter", 30_000_000),
    ]


def test_a_second_platform_joined_by_and_with_its_own_amount_takes_that_amount() -> None:
    text = "Apple has been fined €500 million by the European Commission and Meta €200 million."
    assert amounts(text) == [("Apple", 500_000_000), ("Facebook", 200_000_000)]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # the only state named is what the accusation is about: no one the text names acts
        ("The senator accused Apple of moving production to China.", None),
        ("A lawmaker accused TikTok of sharing user data with China.", None),
        # named before the act, the state is who acts
        ("Officials in India accused X of ignoring orders.", "India"),
    ],
)
def test_a_state_named_only_inside_the_act_is_not_its_unnamed_actor(
    text: str, actor: str | None
) -> None:
    doc = Document(id="t", text=text, published=date(2023, 5, 4), lang="en")
    accusations = [e for e in extract(doc).events if e.type == "ACCUSATION"]
    assert [e.actor for e in accusations] == ([actor] if actor else [])
