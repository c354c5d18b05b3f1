"""Names the knowledge base lacks, introduced by how news lists them (`extract/names.py`)."""

from __future__ import annotations

from reading import targets_of as targets


def test_a_quoted_unknown_item_between_known_outlets_is_listed() -> None:
    found = targets(
        "Весной под запрет попали такие медиа, как «Медуза», «Северный вестник», BBC и Republic.",
        "ru",
    )
    assert "Северный вестник" in found
    assert {"Meduza", "BBC", "Republic"} <= found


def test_a_quoted_unknown_item_in_english() -> None:
    found = targets(
        'Roskomnadzor blocked Meduza, "Free Voice Weekly", BBC and Republic on Friday.', "en"
    )
    assert "Free Voice Weekly" in found


def test_a_quoted_phrase_outside_a_list_names_nothing() -> None:
    # Near miss: a quoted phrase after a comma, with no known names around it.
    found = targets('Roskomnadzor blocked Meduza, "for spreading lies", on Friday.', "en")
    assert found == {"Meduza"}


def test_an_unknown_name_closing_a_list_of_known_ones_is_listed() -> None:
    found = targets("Roskomnadzor on Friday blocked Meduza, BBC and Northern Courier.", "en")
    assert found == {"Meduza", "BBC", "Northern Courier"}


def test_a_name_after_a_conjunction_in_a_longer_clause_is_not_an_item() -> None:
    # Near miss: "and" joins another clause, whose subject speaks.
    found = targets(
        "Roskomnadzor blocked Meduza, BBC and Northern Courier said it would appeal.", "en"
    )
    assert "Northern Courier" not in found


def test_unknown_names_go_on_a_list_joined_by_commas_alone_up_to_its_verb() -> None:
    found = targets(
        "Роскомнадзор оштрафовал Twitch, Google, Airbnb, Apple, Acme Parcel, Likeme и другие"
        " компании.",
        "ru",
    )
    assert {"Acme Parcel", "Likeme"} <= found
    # Near misses: two known names only; a list that does not end at a verb or a word.
    assert "Likeme" not in targets("Роскомнадзор оштрафовал Twitch, Google, Likeme и других.", "ru")
    assert "Likeme" not in targets("Роскомнадзор оштрафовал Twitch, Google, Apple, Likeme.", "ru")


def test_a_word_describing_the_quoted_name_after_it_is_no_name() -> None:
    found = targets("Суд заблокировал сайт Азербайджанской службы «Радио Свобода».", "ru")
    assert found == {"Radio Free Europe/Radio Liberty"}


def test_a_capitalised_name_after_a_service_noun_is_still_one() -> None:
    # Near miss: no quoted name follows, so the capitalised word names the site.
    assert targets("Суд заблокировал сайт Бирлик в понедельник.", "ru") == {"Бирлик"}
