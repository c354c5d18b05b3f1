"""Sentence splitting keeps offsets into the original text and skips non-prose lines."""

from __future__ import annotations

from clampdown.extract.sentences import is_prose, split_sentences

ABBR = frozenset({"mr", "u.s", "inc"})


def test_offsets_point_into_text() -> None:
    text = "Skip to content\nThe regulator fined the company. It said so on Monday.\n"
    spans = split_sentences(text, ABBR)
    assert [s.text for s in spans] == ["The regulator fined the company.", "It said so on Monday."]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_abbreviations_and_initials_do_not_split() -> None:
    text = "Mr. Smith of Acme Inc. met J. Doe in the U.S. capital on Friday."
    assert len(split_sentences(text, ABBR)) == 1


def test_menus_headlines_and_share_bars_are_not_prose() -> None:
    assert not is_prose("Share: Facebook | Twitter | WhatsApp")
    assert not is_prose("Russia cuts off Facebook in widening crackdown")
    assert not is_prose("Source link")
    assert is_prose("The agency said it had blocked the site on Friday.")


def test_prose_needs_three_words() -> None:
    assert not is_prose("Blocked again.")
    assert is_prose("It was blocked.")
    assert is_prose("Bye-bye, all.")  # words are runs of word characters
    assert not is_prose("... !")


def test_quotes_close_sentences() -> None:
    text = 'He said it was "very serious." The ministry agreed with him on that.'
    spans = split_sentences(text, ABBR)
    assert [s.text for s in spans][1] == "The ministry agreed with him on that."


def test_headlines_in_sentence_case_are_read_and_title_case_is_not() -> None:
    text = (
        "Sri Lanka blocks Facebook and WhatsApp as riots flare up\n"
        "Facebook Blocked Again In Tajikistan Today\n"
        "Share: Facebook | Twitter\n"
    )
    assert [s.text for s in split_sentences(text, ABBR)] == [
        "Sri Lanka blocks Facebook and WhatsApp as riots flare up"
    ]


def test_a_list_set_out_line_by_line_belongs_to_the_sentence_introducing_it() -> None:
    text = "Roskomnadzor blocked networks such as:\n- YouTube\n• Twitter,\n- WhatsApp\n\nNext."
    (first,) = [s for s in split_sentences(text) if s.text.startswith("Roskomnadzor")]
    assert first.text.endswith("- WhatsApp")
    # items that are sentences of their own stay apart
    items = "Steps taken:\n- Roskomnadzor blocked X on Monday.\n- A court fined Y on Friday."
    assert [s.text for s in split_sentences(items)] == [
        "- Roskomnadzor blocked X on Monday.",
        "- A court fined Y on Friday.",
    ]


def test_a_date_stamp_opening_a_line_is_not_part_of_its_sentence() -> None:
    text = "date 2021-03-10 Russia's media watchdog said it would slow down Twitter in Russia"
    (first,) = split_sentences(text)
    assert first.text == text[len("date 2021-03-10 ") :]
    stamped = "Published: 2022-10-05 14:02 The court fined Google on Monday."
    assert [s.text for s in split_sentences(stamped)] == ["The court fined Google on Monday."]
