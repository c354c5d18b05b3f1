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
