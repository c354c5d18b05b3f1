"""Portuguese: whole sentences (written for these tests) in the forms that real Brazilian
and European reporting uses and the pack reads: orders told by an infinitive after an
auxiliary, access prohibited, a court deciding that a platform must act, demanded actions
such as revealing an identity, public civil actions, investigations with an adverb between,
refusals kept up or told by their noun, fines set by an order or announced by their noun,
headline demands; and the near misses of ordinary news that must stay silent."""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.extract.pipeline import extract
from clampdown.model import Document

PUB = date(2024, 9, 20)


def brief(text: str) -> set[tuple[str, str | None, str | None]]:
    doc = Document(id="t", text=text, published=PUB, lang="pt")
    return {(e.type, e.actor, e.target) for e in extract(doc).events}


CASES = [
    ("O ministro Alexandre de Moraes acabou de ordenar o bloqueio do Rumble no Brasil.",
     {("BLOCK", "Alexandre de Moraes", "Rumble")}),
    ("A Primeira Turma do STF decidiu proibir o acesso ao Telegram no país.",
     {("BLOCK", "Supreme Federal Court", "Telegram")}),
    ("A juíza do TSE decidiu que o YouTube deve remover os vídeos em 24 horas.",
     {("DEMAND", "Superior Electoral Court", "YouTube")}),
    ("O TSE determinou que o Twitter revele a identidade do dono do perfil.",
     {("DEMAND", "Superior Electoral Court", "Twitter")}),
    ("O Ministério Público Federal ingressou com uma ação civil pública contra o TikTok.",
     {("LEGAL_ACTION", "Federal Public Prosecutor's Office of Brazil", "TikTok")}),
    ("A ANPD está atualmente investigando o Kwai.",
     {("LEGAL_ACTION", "National Data Protection Authority", "Kuaishou")}),
    ("Desde março, o Telegram tem ignorado ordens judiciais do STF.",
     {("REFUSAL", "Telegram", "Supreme Federal Court"),
      ("DEMAND", "Supreme Federal Court", "Telegram")}),
    ("A ordem foi dada após nova negativa do Facebook de ceder os dados à Polícia Federal.",
     {("REFUSAL", "Facebook", "Federal Police of Brazil")}),
    ("A Comissão Europeia anunciou a imposição de multas contra a Apple.",
     {("FINE", "European Commission", "Apple")}),
    ("O ministro Alexandre de Moraes determinou uma multa diária de R$ 100 mil ao Rumble.",
     {("FINE", "Alexandre de Moraes", "Rumble")}),
    ("Moraes exige representante legal do Telegram no Brasil.",
     {("DEMAND", "Alexandre de Moraes", "Telegram")}),
    ("O STF dá 24 horas para plataforma Rumble nomear representante.",
     {("DEMAND", "Supreme Federal Court", "Rumble")}),
    ("A Comissão Europeia concluiu preliminarmente que o TikTok violou as suas obrigações.",
     {("ACCUSATION", "European Commission", "TikTok")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reported_wordings_are_read(
    text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert brief(text) == expected


NEAR_MISSES = [
    "O governo decidiu que as escolas devem fechar mais cedo.",
    "O YouTube decidiu que vai remover os vídeos com desinformação.",
    "O juiz determinou multa de R$ 10 mil para quem acessar o Telegram por VPN.",
    "O governo anunciou a imposição de tarifas contra a China.",
    "O Telegram ignora as críticas dos usuários.",
    "A escola proibiu o acesso dos alunos ao pátio.",
    "O YouTube encerrou mais dois canais do blogueiro por violar suas diretrizes.",
    "Um posto de combustíveis foi multado em R$ 51 mil pelo Procon-MG.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_ordinary_news_gives_no_event(text: str) -> None:
    assert brief(text) == set()


# Second harvest: an order with a time phrase before its noun, a sum sanctioned, an order
# told by its addressees, refusals by contradicting an order, inquiries announced or suffered,
# a fine named by its participle, bans by "interditar", demands by "cobrar" and by a request
# sent, compliance announced by paying.
SECOND_CASES = [
    ("O ministro Alexandre de Moraes ordenou na última sexta-feira o bloqueio da plataforma "
     "Rumble no Brasil.",
     {("BLOCK", "Alexandre de Moraes", "Rumble")}),
    ("A Apple foi sancionada com um montante de 500 milhões de euros pela Comissão Europeia.",
     {("FINE", "European Commission", "Apple")}),
    ("A ordem é para TikTok e YouTube apagarem os vídeos em 24 horas.",
     {("DEMAND", None, "TikTok"), ("DEMAND", None, "YouTube")}),
    ("O Telegram contrariou o pedido do STF.",
     {("REFUSAL", "Telegram", "Supreme Federal Court"),
      ("DEMAND", "Supreme Federal Court", "Telegram")}),
    ("A Comissão Europeia anunciou uma investigação sobre a Apple.",
     {("LEGAL_ACTION", "European Commission", "Apple")}),
    ("A Anacom destacou a coima de 2 milhões de euros aplicada à MEO.",
     {("FINE", "ANACOM", "MEO")}),
    ("A rede social Kwai virou alvo de um inquérito aberto pelo Ministério Público Federal.",
     {("LEGAL_ACTION", "Federal Public Prosecutor's Office of Brazil", "Kuaishou")}),
    ("O regime interditou o YouTube e o Telegram.",
     {("BLOCK", None, "YouTube"), ("BLOCK", None, "Telegram")}),
    ("O STF cobrou do X explicações sobre os perfis.",
     {("DEMAND", "Supreme Federal Court", "Twitter")}),
    ("O TSE encaminhou ao Google pedido de remoção dos vídeos.",
     {("DEMAND", "Superior Electoral Court", "Google")}),
    ("O X informou ao STF que irá pagar R$ 28 milhões em multas.",
     {("COMPLIANCE", "Twitter", "Supreme Federal Court")}),
]


@pytest.mark.parametrize(("text", "expected"), SECOND_CASES)
def test_second_harvest_wordings_are_read(
    text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert brief(text) == expected


SECOND_NEAR_MISSES = [
    "O tribunal condenou a Google a pagar uma indenização de R$ 50 mil ao autor.",
    "A polícia interditou o prédio da empresa em Lisboa.",
    "O banco cobrou do cliente juros abusivos.",
    "O médico recomendou ao paciente repouso absoluto.",
    "O Twitter levou dois meses para recorrer da decisão.",
]


@pytest.mark.parametrize("text", SECOND_NEAR_MISSES)
def test_second_harvest_near_misses_give_no_event(text: str) -> None:
    assert brief(text) == set()
