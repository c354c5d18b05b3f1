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
        (
            "Die Regierung sperrt den Messenger WhatsApp, um die Verbreitung von Videos über "
            "die Proteste zu verhindern.",
            ("BLOCK", "WhatsApp"),
        ),
        (
            "Die Behörde hat den Messenger Telegram gesperrt, um die Proteste zu erschweren.",
            ("BLOCK", "Telegram"),
        ),
        # "nicht gelöschten" qualifies the content; the fine itself is not denied
        (
            "Wegen der nicht gelöschten verbotenen Inhalte wurde Google zu einer Strafe von "
            "zwei Millionen Rubel verurteilt.",
            ("FINE", "Google"),
        ),
        # the negation belongs to the fronted subordinate clause, ended by its comma
        (
            "Weil er verbotene Inhalte nicht gelöscht hat, muss der Konzern Google eine Strafe "
            "von drei Millionen Rubel zahlen.",
            ("FINE", "Google"),
        ),
        (
            "Der Betrieb der Plattform X ist in Brasilien bis auf Weiteres untersagt worden.",
            ("BLOCK", "Twitter"),
        ),
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
        (
            "Große soziale Netzwerke wie X und Facebook hat Russland bereits blockiert.",
            {("BLOCK", "Russia", "Twitter"), ("BLOCK", "Russia", "Facebook")},
        ),
        (
            "Twitter und Facebook sperrte die Türkei am Freitag.",
            {("BLOCK", "Turkey", "Twitter"), ("BLOCK", "Turkey", "Facebook")},
        ),
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
        (
            "Die Lage eskalierte, als die Türkei Twitter sperrte.",
            {("BLOCK", "Turkey", "Twitter")},
        ),  # and no compliance of Twitter
        (
            "Die Proteste begannen, nachdem Roskomnadsor Telegram blockierte.",
            {("BLOCK", "Roskomnadzor", "Telegram")},
        ),
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
        (
            "Apple hat die Anwendungen von 25 VPN-Diensten aus dem App Store entfernt, nachdem die "
            "russische Kommunikationsbehörde Roskomnadzor dies gefordert hatte.",
            ("COMPLIANCE", "Apple"),
        ),
        (
            "Laut Aufsichtsbehörde Roskomnadsor habe Telegram sich geweigert, Nutzerdaten zu "
            "speichern.",
            ("REFUSAL", "Telegram"),
        ),
    ],
)
def test_an_answer_beside_a_body_named_in_a_compound_answers_it(
    text: str, want: tuple[str, str]
) -> None:
    assert want in {(e[0], e[1]) for e in brief(text)}


def test_users_asking_is_no_demand_a_platform_answers() -> None:
    assert not brief("Telegram hat die Kanäle gelöscht, wie Nutzer gefordert hatten.")


def fines(text: str) -> set[tuple[str | None, float | None]]:
    doc = Document(id="t", text=text, published=PUB, lang="de")
    return {(e.target, e.amount) for e in extract(doc).events if e.type == "FINE"}


@pytest.mark.parametrize(
    "text",
    [
        "Die EU-Kommission verhängte Geldstrafen gegen Apple in Höhe von 500 Millionen Euro "
        "und gegen Meta in Höhe von 200 Millionen Euro.",
        "Die Kommission hat Apple mit 500 Millionen Euro und Meta mit 200 Millionen Euro bestraft.",
    ],
)
def test_a_gapped_clause_gives_each_platform_its_own_fine(text: str) -> None:
    assert fines(text) == {("Apple", 500_000_000), ("Facebook", 200_000_000)}


def test_a_second_clause_with_no_sum_is_no_gapped_fine() -> None:
    text = (
        "Die Behörde verhängte gegen Telegram ein Bußgeld von 5 Millionen Euro und gegen den "
        "Betreiber eine Rüge."
    )
    assert fines(text) == {("Telegram", 5_000_000)}


def test_a_decision_not_to_block_is_no_block() -> None:
    assert not any(
        etype == "BLOCK"
        for etype, _, _ in brief("Die Regierung hatte entschieden, Telegram nicht zu sperren.")
    )


@pytest.mark.parametrize(
    "text",
    [
        # the penalty 12 words after the auxiliary
        "Facebook, Telegram und Twitter waren in Russland in den vergangenen Monaten bereits "
        "mehrfach zu teils hohen Geldbußen verurteilt worden.",
        # "würden" reports the fine
        "Die Plattformen Facebook, Telegram sowie Twitter würden zu einer Geldstrafe verurteilt, "
        "erklärte die Behörde.",
    ],
)
def test_a_passive_fine_told_with_a_long_middle_or_in_reported_speech_is_read(text: str) -> None:
    assert {tgt for etype, _, tgt in brief(text) if etype == "FINE"} == {
        "Facebook",
        "Telegram",
        "Twitter",
    }


def test_a_long_passive_window_does_not_cross_a_full_stop() -> None:
    text = (
        "Der Dienst Telegram war in Russland in den vergangenen Monaten bereits mehrfach "
        "gesperrt worden. Die Geldbußen wurden verhängt."
    )
    assert not any(etype == "FINE" for etype, _, _ in brief(text))


@pytest.mark.parametrize(
    "text",
    [
        "Google war wie auch Facebook, Twitter und Tiktok in den vergangenen Monaten "
        "wiederholt zu Geldstrafen verurteilt worden.",
        "Aus demselben Grund war Google bereits vor kurzem mit einer Geldstrafe belegt worden "
        "- wie auch andere IT-Konzerne wie Facebook, Twitter und Tiktok.",
    ],
)
def test_platforms_a_passive_fine_befell_as_well_are_its_targets(text: str) -> None:
    assert {tgt for etype, _, tgt in brief(text) if etype == "FINE"} == {
        "Google",
        "Facebook",
        "Twitter",
        "TikTok",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Google wurde mit einer Geldstrafe belegt, wie auch Facebook mitteilte.",
        "Google wurde mit einer Geldstrafe belegt, wie auch die Zeitung Kommersant berichtete.",
    ],
)
def test_a_name_that_says_so_after_wie_auch_is_no_target(text: str) -> None:
    assert {tgt for etype, _, tgt in brief(text) if etype == "FINE"} == {"Google"}


@pytest.mark.parametrize(
    "text",
    [
        "Die Behörden sperrten den Telegram-Kanal Nexta.",
        "Die Behörden sperrten den Telegram-Kanal „Nexta“.",
    ],
)
def test_a_named_channel_on_a_platform_is_blocked_and_not_the_platform(text: str) -> None:
    assert {tgt for etype, _, tgt in brief(text) if etype == "BLOCK"} == {"Nexta"}


def test_a_channel_named_by_a_common_noun_leaves_the_platform_read() -> None:
    text = "Roskomnadsor sperrte den Telegram-Kanal Verschwörungstheorien über Impfungen."
    assert {tgt for etype, _, tgt in brief(text) if etype == "BLOCK"} == {"Telegram"}


def test_an_outlet_named_after_laut_berichten_reports_and_is_not_blocked() -> None:
    text = (
        "Laut Berichten der Zeitung Hürriyet hat die türkische Behörde am Samstagmorgen den "
        "Zugang zur Online-Enzyklopädie Wikipedia gesperrt."
    )
    assert {tgt for etype, _, tgt in brief(text) if etype == "BLOCK"} == {"Wikipedia"}


@pytest.mark.parametrize(
    "text",
    [
        # "bzw." pairs the sums with the platforms in turn
        "Die Kommission hat gegen Apple und Meta Geldbußen in Höhe von 500 Millionen Euro bzw. "
        "200 Millionen Euro verhängt.",
        # a gapped second sum right after its platform
        "Wegen Verstößen gegen den Digital Markets Act müssen die iPhone-Firma Apple 500 "
        "Millionen Euro und der Facebook-Konzern Meta 200 Millionen Euro zahlen.",
        # the same in reported speech
        "Der iPhone-Anbieter Apple müsse 500 Millionen Euro und die Facebook-Mutter Meta 200 "
        "Millionen Euro zahlen, teilte die EU-Kommission am Mittwoch mit.",
    ],
)
def test_two_sums_for_two_platforms_give_each_its_own(text: str) -> None:
    assert fines(text) == {("Apple", 500_000_000), ("Facebook", 200_000_000)}


def test_a_participle_opening_the_sentence_has_its_subject_after_the_auxiliary() -> None:
    text = "Gesperrt wurden unter anderem Facebook und Instagram."
    assert {tgt for etype, _, tgt in brief(text) if etype == "BLOCK"} == {"Facebook", "Instagram"}


@pytest.mark.parametrize(
    "text",
    [
        "Gesperrt wurden Konten von Nutzern auf Facebook.",
        "X soll die Anordnung befolgen, einschließlich der Profile, die gesperrt wurden.",
    ],
)
def test_accounts_put_after_a_fronted_participle_or_a_relative_clause_block_no_platform(
    text: str,
) -> None:
    assert not any(etype == "BLOCK" for etype, _, _ in brief(text))


STORY = "Das Bundesamt für Justiz hat ein Bußgeld gegen Telegram verhängt. "


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Telegram hat mehrfach Nutzerdaten an das Bundeskriminalamt übermittelt.", "COMPLIANCE"),
        (
            "Noch im August hatte das Bundeskriminalamt erklärt, Telegram habe die "
            "Beauskunftung von Bestandsdaten zuletzt abgelehnt.",
            "REFUSAL",
        ),
        (
            "Bislang verweigert Telegram deutschen Ermittlern selbst für die Aufklärung "
            "schwerer Straftaten wichtige Informationen.",
            "REFUSAL",
        ),
    ],
)
def test_data_handed_over_or_withheld_answers_the_state(text: str, want: str) -> None:
    assert want in types_on(STORY + text, "Telegram") or any(
        etype == want for etype, actor, _ in brief(STORY + text) if actor == "Telegram"
    )


def test_an_inquiry_told_by_what_it_checks_is_a_case() -> None:
    text = "Die Europäische Kommission will untersuchen, ob TikTok diese Risiken gemindert hat."
    assert "LEGAL_ACTION" in types_on(text, "TikTok")


def test_removal_requests_sent_to_a_platform_are_a_demand() -> None:
    text = (
        "Das Bundeskriminalamt hat bis Anfang September 392 Aufforderungen zum Löschen von "
        "Inhalten an Telegram übermittelt."
    )
    assert "DEMAND" in types_on(text, "Telegram")
