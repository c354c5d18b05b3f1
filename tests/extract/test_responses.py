"""A platform's answer to a state (COMPLIANCE, REFUSAL): who answered and in which words."""

from __future__ import annotations

from datetime import date

from clampdown.extract.pipeline import extract
from clampdown.model import Document


def found(text: str) -> set[tuple[str, str | None, str | None, str]]:
    doc = Document(id="t", text=text, published=date(2024, 5, 10), lang="en")
    return {(e.type, e.actor, e.target, e.status) for e in extract(doc).events}


def test_a_platforms_founder_answers_for_it() -> None:
    text = (
        "Telegram's founder Pavel Durov has agreed to register the company with the Russian"
        " government."
    )
    assert {t for t, _, _, _ in found(text)} == {"COMPLIANCE"}


def test_a_person_named_after_the_platform_is_not_its_voice() -> None:
    # Near miss: the platform is the subject; the lawyer it named is no second answer.
    text = (
        "After the court's order, X named lawyer Rachel de Oliveira Villa Nova as its legal"
        " representative in Brazil."
    )
    assert not {a for t, a, _, _ in found(text) if t == "COMPLIANCE"} - {"Twitter"}


def test_an_appointment_to_come_is_an_announced_compliance() -> None:
    text = (
        "Pinterest will appoint a local representative in Turkey under the social media law,"
        " the deputy minister said on Friday."
    )
    assert ("COMPLIANCE", "Pinterest") in {(t, a) for t, a, _, s in found(text) if s == "announced"}
    # Near miss: a new executive answers no state.
    assert not found("Pinterest will appoint a new chief executive next year.")


def test_carrying_out_the_directive_is_compliance() -> None:
    text = (
        "The eSafety Commissioner ordered Snapchat to remove the video. Snapchat followed the"
        " directive within a day."
    )
    assert "COMPLIANCE" in {t for t, _, _, _ in found(text)}
    # Near miss: an event that followed an election is no answer.
    assert not found("The protests followed the election on Sunday.")


def test_a_platforms_head_summoned_to_act_is_no_answer() -> None:
    # Near miss: the owner is the object of a summons, not the subject of an answer.
    text = (
        "On Monday, the judge summoned Elon Musk to appoint a legal representative under"
        " penalty of taking X offline."
    )
    assert "COMPLIANCE" not in {t for t, _, _, _ in found(text)}


def _ru(text: str) -> set[tuple[str, str | None, str | None]]:
    doc = Document(id="t", text=text, published=date(2024, 5, 10), lang="ru")
    return {(e.type, e.actor, e.target) for e in extract(doc).events}


def test_no_answer_to_a_demand_is_a_refusal_in_russian() -> None:
    found = _ru(
        "Роскомнадзор потребовал от Twitter удалить запрещенные публикации. Twitter не"
        " ответил на требования регулятора."
    )
    assert ("REFUSAL", "Twitter", "Roskomnadzor") in found


def test_no_answer_to_the_press_is_no_refusal_in_russian() -> None:
    # Near miss: a question from reporters is not the state's demand.
    found = _ru(
        "Роскомнадзор потребовал от Twitter удалить запрещенные публикации. Twitter не"
        " ответил на вопросы журналистов."
    )
    assert not {e for e, _, _ in found if e == "REFUSAL"}


def test_a_refusal_worded_with_its_own_negation_after_another_negated_verb() -> None:
    # The first "not" denies the verb before the conjunction, not the refusal after it.
    text = (
        "Roskomnadzor ordered Telegram to delete the channels on Monday. The company did not"
        " answer and did not comply with the order."
    )
    assert ("REFUSAL", "Telegram") in {(t, a) for t, a, _, _ in found(text)}


def test_a_denied_refusal_stays_no_refusal() -> None:
    # Near miss: a refusal verb without a negation of its own, denied before it.
    text = (
        "Roskomnadzor ordered Telegram to delete the channels on Monday. The company did not"
        " refuse to delete them."
    )
    assert "REFUSAL" not in {t for t, _, _, _ in found(text)}


def test_each_state_listed_as_asking_is_answered() -> None:
    acts = found("Apple also removed several apps at the request of Vietnam, Austria and Kuwait.")
    answered = {target for etype, actor, target, _ in acts if etype == "COMPLIANCE"}
    assert answered == {"Vietnam", "Austria", "Kuwait"}


def test_a_platform_after_the_asking_body_is_no_asker() -> None:
    # Near miss: the list of askers ends where a platform is named.
    acts = found("Apple removed the apps at the request of Roskomnadzor, and Google followed.")
    assert {target for etype, _, target, _ in acts if etype == "COMPLIANCE"} == {"Roskomnadzor"}


def test_a_platform_named_inside_the_passive_subject_withheld_its_content() -> None:
    # the platform hosting the account or channel is who withheld it, for the state named
    doc = Document(
        id="t",
        text="The Twitter account of the newspaper was withheld in India in response to a "
        "legal demand.",
        published=date(2021, 6, 10),
        lang="en",
    )
    found = {(e.type, e.actor, e.target) for e in extract(doc).events}
    assert found == {("COMPLIANCE", "Twitter", "India")}
    doc = Document(
        id="t",
        text="The Telegram channels of Navalny were removed at the request of Roskomnadzor.",
        published=date(2021, 6, 10),
        lang="en",
    )
    found = {(e.type, e.actor, e.target) for e in extract(doc).events}
    assert ("COMPLIANCE", "Telegram", "Roskomnadzor") in found
    # a state named in the subject owns the content: it is not the authority answered
    doc = Document(
        id="t",
        text="The Twitter account of the Pakistan Government was withheld in India on Saturday.",
        published=date(2021, 6, 10),
        lang="en",
    )
    assert not [e for e in extract(doc).events if e.type == "COMPLIANCE"]


def test_an_answer_owed_past_a_companys_abbreviation_is_not_done() -> None:
    # "Inc." ends no sentence: the payment is ordered, not made
    text = (
        "The tribunal has ordered Meta Platforms Inc. and its subsidiary, WhatsApp, to pay a"
        " $220 million fine."
    )
    assert {t for t, *_ in found(text)} & {"COMPLIANCE"} == set()
    done = "The regulator fined WhatsApp $220 million. WhatsApp Inc. paid the fine on Monday."
    assert "COMPLIANCE" in {t for t, *_ in found(done)}
