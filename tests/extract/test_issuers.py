"""Who acted and whom a platform answered. When the sentence does not say, a vague actor
(the state standing in for an unnamed one, a country's courts in general) gives way to the
official or body of that state the text names since; a judge named right after a court is
who acted; courts the knowledge base lacks are introduced by how their names are built
(sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.extract.pipeline import extract
from clampdown.model import Document

PUB = date(2024, 9, 20)


def brief(text: str, lang: str) -> set[tuple[str, str | None, str | None]]:
    doc = Document(id="t", text=text, published=PUB, lang=lang)
    return {(e.type, e.actor, e.target) for e in extract(doc).events}


CASES = [
    # "O ministro" with no name before it is read as the state; the official named since
    # is whom the platform refuses
    (
        "pt",
        "O ministro havia dado prazo de 24 horas para que a plataforma X nomeasse um "
        "representante. O empresário criticou o ministro Alexandre de Moraes, que conduz o "
        "inquérito. A rede social X vem se recusando a cumprir as ordens.",
        ("REFUSAL", "Twitter", "Alexandre de Moraes"),
    ),
    # "a Justiça" (the courts in general) gives way to the judge the next sentence names
    (
        "pt",
        "A Justiça mandou as operadoras bloquearem o WhatsApp por 72 horas. A decisão é do "
        "juiz Marcel Montalvão. As operadoras TIM e Claro receberam a determinação e "
        "informaram que vão cumprir.",
        ("COMPLIANCE", "TIM", "Marcel Maia Montalvão"),
    ),
    # a branch of a state's courts, by the state's name or adjective
    (
        "pt",
        "A Justiça Federal do Espírito Santo determinou a suspensão do aplicativo Telegram no "
        "Brasil.",
        ("BLOCK", "Justiça Federal do Espírito Santo", "Telegram"),
    ),
    (
        "pt",
        "A Justiça sergipana bloqueou o WhatsApp no Brasil.",
        ("BLOCK", "Justiça sergipana", "WhatsApp"),
    ),
    # a court by the adjective of its town
    (
        "de",
        "Ein Moskauer Gericht hat Google zu einer Geldstrafe von 3 Millionen Rubel verurteilt.",
        ("FINE", "Moskauer Gericht", "Google"),
    ),
    (
        "de",
        "Das Berliner Landgericht verbot den Dienst Telegram.",
        ("BLOCK", "Berliner Landgericht", "Telegram"),
    ),
    # the judge named right after the court acted, the court only says whose judge he is
    (
        "tr",
        "Brezilya Yüksek Mahkemesi yargıcı Alexandre de Moraes, X'in ülkede erişime "
        "kapatılmasını emretti.",
        ("DEMAND", "Alexandre de Moraes", "Twitter"),
    ),
    # "the authorities" read as the state give way to the judge named since
    (
        "en",
        "The Brazilian authorities ordered X to remove the posts. Judge Alexandre de Moraes, "
        "who leads the inquiry, set a deadline. X refused to comply.",
        ("REFUSAL", "Twitter", "Alexandre de Moraes"),
    ),
]


@pytest.mark.parametrize(("lang", "text", "event"), CASES)
def test_actor_and_issuer(lang: str, text: str, event: tuple[str, str, str]) -> None:
    assert event in brief(text, lang)


def test_a_named_body_is_not_displaced_by_an_official_named_later() -> None:
    # the regulator acted; a minister quoted after it is not whom the platform answered
    found = brief(
        "Roskomnadzor demanded that Telegram delete the channels. Minister Maksut Shadayev "
        "commented on the case. Telegram refused to comply.",
        "en",
    )
    assert ("REFUSAL", "Telegram", "Roskomnadzor") in found
