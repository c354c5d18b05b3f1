"""Portuguese readings of real reporting (sentences written for these tests in the shapes
real Brazilian and European reporting uses): an answer to an order of a titled official,
the official's court after the name being no second addressee."""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.extract.pipeline import extract
from clampdown.model import Document

PUB = date(2024, 9, 20)


def brief(text: str) -> set[tuple[str, str | None, str | None]]:
    doc = Document(id="t", text=text, published=PUB, lang="pt")
    return {(e.type, e.actor, e.target) for e in extract(doc).events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an order of a titled official is obeyed, not the official's own post removed
        ("O Rumble cumpriu uma ordem do ministro Alexandre de Moraes.",
         {("COMPLIANCE", "Rumble", "Alexandre de Moraes"),
          ("DEMAND", "Alexandre de Moraes", "Rumble")}),
        # the official's court after the name is where the official sits: one addressee
        ("O Kwai acatou a ordem judicial do ministro Alexandre de Moraes, do Supremo "
         "Tribunal Federal (STF).",
         {("COMPLIANCE", "Kuaishou", "Alexandre de Moraes"),
          ("DEMAND", "Alexandre de Moraes", "Kuaishou")}),
    ],
)
def test_answer_to_a_titled_officials_order(
    text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert brief(text) == expected


def test_an_officials_own_post_removed_is_no_answer() -> None:
    assert brief("O Kwai removeu a publicação do ministro Alexandre de Moraes.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date or a manner between "decidiu" and "que"; the act in the subjunctive
        ("O TSE decidiu nesta quarta-feira, 12, que o Kwai deverá apagar os vídeos.",
         {("DEMAND", "Superior Electoral Court", "Kuaishou")}),
        ("O TSE decidiu, em caráter liminar, que o Kwai e o Rumble removam os vídeos.",
         {("DEMAND", "Superior Electoral Court", "Kuaishou"),
          ("DEMAND", "Superior Electoral Court", "Rumble")}),
        # an act on a kind of platform, the next sentence opening with the list of them
        ("O Procon-SP multou três plataformas de entrega. Entre elas estão o iFood e a Rappi.",
         {("FINE", "Procon", "iFood"), ("FINE", "Procon", "Rappi")}),
    ],
)
def test_decision_and_listed_platforms(
    text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert brief(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "O Kwai decidiu nesta quarta-feira que vai apagar os vídeos.",
        # a next sentence that names platforms without opening a list of them
        "O Procon-SP multou três plataformas de entrega. O iFood e a Rappi lideram o setor.",
    ],
)
def test_no_demand_nor_list_without_their_cues(text: str) -> None:
    assert not any(t in {"DEMAND", "FINE"} and tg in {"Kuaishou", "iFood", "Rappi"}
                   for t, _, tg in brief(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a refusal announced in the future, its subject past a description naming the owner
        ("A Starlink, empresa de internet por satélite pertencente a Elon Musk, comunicou à "
         "Anatel que não cumprirá a ordem do ministro Alexandre de Moraes.",
         {("REFUSAL", "Starlink", "Alexandre de Moraes"),
          ("DEMAND", "Alexandre de Moraes", "Starlink")}),
        # a listed party with a descriptive apposition: the list goes on after it
        ("O STF multou o Kwai, aplicativo chinês de vídeos curtos, e o Rumble em R$ 1 milhão.",
         {("FINE", "Supreme Federal Court", "Kuaishou"),
          ("FINE", "Supreme Federal Court", "Rumble")}),
    ],
)
def test_future_answers_and_descriptions(
    text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert brief(text) == expected


def test_a_measure_overturned_in_court_is_no_compliance() -> None:
    assert brief("A Apple derrubou a medida na Justiça do Distrito Federal.") == set()


def test_fines_gapped_with_para_each_fall_on_their_own_platform() -> None:
    text = (
        "O Procon-SP aplicou multas de R$ 10 milhões para a Google e de R$ 7 milhões "
        "para a Apple."
    )
    doc = Document(id="t", text=text, published=PUB, lang="pt")
    fines = {(e.target, e.amount) for e in extract(doc).events if e.type == "FINE"}
    assert fines == {("Google", 10_000_000.0), ("Apple", 7_000_000.0)}


def test_penalties_imposed_on_named_companies_are_fines() -> None:
    assert brief("A Senacon impôs penalidades às empresas Google e Apple.") == {
        ("FINE", "National Consumer Secretariat", "Google"),
        ("FINE", "National Consumer Secretariat", "Apple"),
    }
    assert brief("O clube impôs penalidades aos jogadores do Google.") == set()
