"""Acts on a kind of platform completed by the list a next sentence gives (`extract/events.py`)."""

from __future__ import annotations

from functools import partial

from reading import targets_of

targets = partial(targets_of, lang="ru")


def test_a_list_said_to_be_of_the_blocked_completes_the_act() -> None:
    found = targets(
        "Роскомнадзор заблокировал более 40 сайтов. Среди заблокированных — BBC, Meduza и"
        " «Северный вестник»."
    )
    assert found == {"BBC", "Meduza", "Северный вестник"}


def test_the_best_known_of_the_list_complete_the_act() -> None:
    found = targets(
        "Суд заблокировал свыше 400 сайтов. В числе наиболее известных — BBC, Meduza и Republic."
    )
    assert found == {"BBC", "Meduza", "Republic"}


def test_a_published_list_completes_the_act() -> None:
    found = targets(
        "Роскомнадзор заблокировал 40 сайтов. В список, опубликованный ведомством, вошли BBC,"
        " Meduza и Republic."
    )
    assert found == {"BBC", "Meduza", "Republic"}


def test_names_after_another_group_do_not_complete_the_act() -> None:
    # Near miss: the next sentence names who suffered an outage, not the list of the act.
    found = targets(
        "Роскомнадзор заблокировал 40 сайтов. Среди пострадавших от сбоя оказались BBC,"
        " Meduza и Republic."
    )
    assert found == set()
