"""German readings of real reporting's sentence shapes: a purpose clause after a block, a
negation inside an attributive participle or in a fronted subordinate clause, a service's
operation forbidden in the passive perfect. Whole sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.extract.pipeline import extract
from clampdown.model import Document

PUB = date(2024, 9, 20)


def brief(text: str) -> set[tuple[str, str | None, str | None]]:
    doc = Document(id="t", text=text, published=PUB, lang="de")
    return {(e.type, e.actor, e.target) for e in extract(doc).events}


def types_on(text: str, target: str) -> set[str]:
    return {etype for etype, actor, tgt in brief(text) if tgt == target}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "um ... zu" is the block's purpose, not a forbidden act
        ("Die Regierung sperrt den Messenger WhatsApp, um die Verbreitung von Videos über "
         "die Proteste zu verhindern.", ("BLOCK", "WhatsApp")),
        ("Die Behörde hat den Messenger Telegram gesperrt, um die Proteste zu erschweren.",
         ("BLOCK", "Telegram")),
        # "nicht gelöschten" qualifies the content; the fine itself is not denied
        ("Wegen der nicht gelöschten verbotenen Inhalte wurde Google zu einer Strafe von "
         "zwei Millionen Rubel verurteilt.", ("FINE", "Google")),
        # the negation belongs to the fronted subordinate clause, ended by its comma
        ("Weil er verbotene Inhalte nicht gelöscht hat, muss der Konzern Google eine Strafe "
         "von drei Millionen Rubel zahlen.", ("FINE", "Google")),
        ("Der Betrieb der Plattform X ist in Brasilien bis auf Weiteres untersagt worden.",
         ("BLOCK", "Twitter")),
    ],
)
def test_real_reporting_shapes_are_read(text: str, want: tuple[str, str]) -> None:
    assert want[0] in types_on(text, want[1])


@pytest.mark.parametrize(
    "text",
    [
        # still negated: the negation stands in the act's own clause
        "Google wurde nicht zu einer Strafe verurteilt.",
        "Die Behörde hat Telegram bisher nicht gesperrt.",
        # a forbidden act, told with its infinitive, is no block
        "Das Amt untersagte der Firma, Kundendaten zu speichern.",
    ],
)
def test_negations_and_forbidden_acts_stay_unread(text: str) -> None:
    assert not {e for e in brief(text) if e[0] in {"FINE", "BLOCK"}}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Große soziale Netzwerke wie X und Facebook hat Russland bereits blockiert.",
         {("BLOCK", "Russia", "Twitter"), ("BLOCK", "Russia", "Facebook")}),
        ("Twitter und Facebook sperrte die Türkei am Freitag.",
         {("BLOCK", "Turkey", "Twitter"), ("BLOCK", "Turkey", "Facebook")}),
    ],
)
def test_platforms_put_before_a_block_with_the_state_after_its_verb_are_its_objects(
    text: str, want: set[tuple[str, str | None, str | None]]
) -> None:
    assert brief(text) == want  # and no compliance of the platforms


@pytest.mark.parametrize(
    "text",
    [
        "Telegram hat in Russland Kanäle gesperrt.",  # a place after the verb
        "Facebook hat Russland nicht blockiert.",
        "Apple hat Russland die Daten herausgegeben.",  # no block, fine or slowdown
    ],
)
def test_no_fronted_object_without_a_state_subject_right_after_the_verb(text: str) -> None:
    assert not {e for e in brief(text) if e[0] in {"BLOCK", "FINE", "THROTTLE"}}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Die Lage eskalierte, als die Türkei Twitter sperrte.",
         {("BLOCK", "Turkey", "Twitter")}),  # and no compliance of Twitter
        ("Die Proteste begannen, nachdem Roskomnadsor Telegram blockierte.",
         {("BLOCK", "Roskomnadzor", "Telegram")}),
    ],
)
def test_a_verb_final_clause_has_its_subject_right_after_the_conjunction(
    text: str, want: set[tuple[str, str | None, str | None]]
) -> None:
    assert brief(text) == want


def test_a_platform_subject_of_a_verb_final_block_is_its_own_act() -> None:
    found = brief("Die Kritik wuchs, nachdem Telegram die Kanäle des Senders gesperrt hatte.")
    assert not {e for e in found if e[0] == "BLOCK"}


def test_a_verb_final_fine_in_the_simple_past_is_read() -> None:
    found = brief("Der Streit begann, als die Behörde gegen Telegram ein Bußgeld verhängte.")
    assert ("FINE", "Telegram") in {(e[0], e[2]) for e in found}


def test_a_consumer_associations_suit_is_no_states_case() -> None:
    found = brief("So hat der Verbraucherzentrale-Bundesverband das Unternehmen Facebook verklagt.")
    assert not {e for e in found if e[0] == "LEGAL_ACTION"}


def test_a_block_a_state_body_plans_is_announced_and_a_partys_wish_is_unread() -> None:
    doc = Document(
        id="t",
        text="Nach vielen Ankündigungen wollen iranische Behörden den Messenger Telegram bis "
        "Mitte April sperren.",
        published=PUB,
        lang="de",
    )
    assert [(e.type, e.target, e.status) for e in extract(doc).events] == [
        ("BLOCK", "Telegram", "announced")
    ]
    assert not brief("Die Opposition will TikTok verbieten.")


@pytest.mark.parametrize(
    "text",
    [
        "Als Reaktion auf Druck seitens der Bundesregierung hat der Messengerdienst Telegram "
        "64 Kanäle gesperrt.",
        "Einem Bericht der Zeitung zufolge hat der Messengerdienst Telegram auf Drängen der "
        "Bundesregierung Dutzende Telegram Kanäle gesperrt.",
    ],
)
def test_a_platforms_sweep_under_a_governments_pressure_is_its_compliance(text: str) -> None:
    found = brief(text)
    assert ("COMPLIANCE", "Telegram") in {(e[0], e[1]) for e in found}
    assert not {e for e in found if e[0] == "BLOCK"}  # Telegram is not blocked


def test_a_platforms_own_sweep_with_no_pressure_told_answers_nothing() -> None:
    assert not brief("Telegram hat 64 Kanäle gesperrt.")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Apple hat die Anwendungen von 25 VPN-Diensten aus dem App Store entfernt, nachdem die "
         "russische Kommunikationsbehörde Roskomnadzor dies gefordert hatte.",
         ("COMPLIANCE", "Apple")),
        ("Laut Aufsichtsbehörde Roskomnadsor habe Telegram sich geweigert, Nutzerdaten zu "
         "speichern.", ("REFUSAL", "Telegram")),
    ],
)
def test_an_answer_beside_a_body_named_in_a_compound_answers_it(
    text: str, want: tuple[str, str]
) -> None:
    assert want in {(e[0], e[1]) for e in brief(text)}


def test_users_asking_is_no_demand_a_platform_answers() -> None:
    assert not brief("Telegram hat die Kanäle gelöscht, wie Nutzer gefordert hatten.")
