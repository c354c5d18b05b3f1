"""Turkish, Portuguese and German: act wordings each language uses that the rules once
lacked (calls to act, grace periods, officials summoned, refusals announced or left
unanswered, colloquial fines, orders issued against a platform), in sentences written for
these tests, and ordinary news in the same words that gives no event."""

from __future__ import annotations

from datetime import date

import pytest
from reading import acts_of

PUB = date(2024, 9, 20)


def brief(text: str, lang: str) -> set[tuple[str, str | None, str | None]]:
    return acts_of(text, lang, PUB)


CASES: list[tuple[str, str, set[tuple[str, str | None, str | None]]]] = [
    (
        "tr",
        "BTK, TikTok'u Türkiye'ye temsilci atamaya çağırdı.",
        {("DEMAND", "Information and Communication Technologies Authority", "TikTok")},
    ),
    (
        "tr",
        "Bakanlık, Telegram'a kanalları kapatması için bir hafta mühlet verdi.",
        {("DEMAND", None, "Telegram")},
    ),
    ("tr", "RTÜK, Netflix yetkililerini toplantıya çağırdı.", {("SUMMONS", "RTÜK", "Netflix")}),
    (
        "tr",
        "BTK, Wikipedia'dan içeriğin kaldırılmasını istedi."
        " Wikipedia, içeriği kaldırmayacağını açıkladı.",
        {
            ("REFUSAL", "Wikipedia", "Information and Communication Technologies Authority"),
            ("DEMAND", "Information and Communication Technologies Authority", "Wikipedia"),
        },
    ),
    (
        "tr",
        "Twitter, BTK'nın talebine cevap vermedi.",
        {("REFUSAL", "Twitter", "Information and Communication Technologies Authority")},
    ),
    (
        "tr",
        "BTK, X'i yasa dışı içerikleri 24 saat içinde kaldırmakla yükümlü tuttu.",
        {("DEMAND", "Information and Communication Technologies Authority", "Twitter")},
    ),
    (
        "tr",
        "TBMM Dijital Mecralar Komisyonu, YouTube temsilcilerini dinledi.",
        {
            (
                "SUMMONS",
                "Digital Media Commission of the Grand National Assembly of Turkey",
                "YouTube",
            )
        },
    ),
    (
        "pt",
        "O Ministério da Justiça deu prazo de 48 horas para o Telegram responder.",
        {("DEMAND", "Ministry of Justice and Public Security", "Telegram")},
    ),
    (
        "pt",
        "O X não atendeu à ordem da Justiça.",
        {("REFUSAL", "Twitter", "Justiça"), ("DEMAND", "Justiça", "Twitter")},
    ),
    (
        "pt",
        "O Rumble saiu do ar no Brasil por decisão de Moraes.",
        {("BLOCK", "Alexandre de Moraes", "Rumble")},
    ),
    ("pt", "A Anatel ordenou às operadoras o bloqueio do X.", {("BLOCK", "Anatel", "Twitter")}),
    (
        "pt",
        "O Senado aprovou a convocação de executivos do Google e da Meta.",
        {("SUMMONS", "Senado", "Facebook"), ("SUMMONS", "Senado", "Google")},
    ),
    (
        "pt",
        "O STF proibiu o uso do Telegram no Brasil.",
        {("BLOCK", "Supreme Federal Court", "Telegram")},
    ),
    (
        "pt",
        "O X está fora do ar no Brasil desde sábado por ordem do STF.",
        {("BLOCK", "Supreme Federal Court", "Twitter")},
    ),
    (
        "pt",
        "O STF requisitou ao Google os dados dos usuários.",
        {("DEMAND", "Supreme Federal Court", "Google")},
    ),
    (
        "pt",
        "O ministro impôs ao X a obrigação de remover os perfis.",
        {("DEMAND", None, "Twitter")},
    ),
    (
        "pt",
        "A CPI aprovou requerimento para convocar o presidente do Google.",
        {("SUMMONS", None, "Google")},
    ),
    (
        "de",
        "Die EU-Kommission hat von X Informationen angefordert.",
        {("DEMAND", "European Commission", "Twitter")},
    ),
    (
        "de",
        "Die Bundesregierung rief Telegram dazu auf, mit den Behörden zusammenzuarbeiten.",
        {("DEMAND", "German government", "Telegram")},
    ),
    (
        "de",
        "Die Medienanstalt verlangte beim Messengerdienst Telegram die Löschung der Inhalte.",
        {("DEMAND", None, "Telegram")},
    ),
    (
        "de",
        "Die EU-Kommission brummte Apple eine Strafe von 1,8 Milliarden Euro auf.",
        {("FINE", "European Commission", "Apple")},
    ),
    (
        "de",
        "X lehnte die Forderung der EU-Kommission ab.",
        {
            ("REFUSAL", "Twitter", "European Commission"),
            ("DEMAND", "European Commission", "Twitter"),
        },
    ),
    (
        "de",
        "Die EU-Kommission zitierte den Chef von X nach Brüssel.",
        {("SUMMONS", "European Commission", "Twitter")},
    ),
    ("de", "Der Bundestag hat Vertreter von TikTok geladen.", {("SUMMONS", "Bundestag", "TikTok")}),
    (
        "de",
        "Die EU-Kommission bat Apple mit 1,8 Milliarden Euro zur Kasse.",
        {("FINE", "European Commission", "Apple")},
    ),
    (
        "de",
        "Gegen Telegram wurden zwei Bußgelder in Höhe von insgesamt"
        " 5,125 Millionen Euro festgesetzt.",
        {("FINE", None, "Telegram")},
    ),
    (
        "de",
        "Die Bundesnetzagentur erließ eine Anordnung gegen Telegram.",
        {("DEMAND", "Federal Network Agency", "Telegram")},
    ),
    (
        "de",
        "Die EU-Kommission verpflichtete Apple, alternative App-Stores zuzulassen.",
        {("DEMAND", "European Commission", "Apple")},
    ),
    (
        "de",
        "Die EU-Kommission sieht bei TikTok einen Verstoß gegen den DSA.",
        {("ACCUSATION", "European Commission", "TikTok")},
    ),
    (
        "de",
        "Die russische Behörde Roskomnadsor verbot die Nutzung von Telegram.",
        {("BLOCK", "Roskomnadzor", "Telegram")},
    ),
    (
        "de",
        "Die EU-Kommission forderte von TikTok Auskunft über den Schutz Minderjähriger.",
        {("DEMAND", "European Commission", "TikTok")},
    ),
    (
        "de",
        "Die EU-Kommission hat den Chef von TikTok zu einem Gespräch nach Brüssel eingeladen.",
        {("SUMMONS", "European Commission", "TikTok")},
    ),
    (
        "tr",
        "BTK, X'ten bazı hesapların engellenmesini talep etti.",
        {("DEMAND", "Information and Communication Technologies Authority", "Twitter")},
    ),
    (
        "tr",
        "Rekabet Kurulu, Google'ın hakim durumunu kötüye kullandığını tespit etti.",
        {("ACCUSATION", "Turkish Competition Authority", "Google")},
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_wording_reads_the_act(
    lang: str, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert brief(text, lang) == expected


QUIET: list[tuple[str, str]] = [
    ("tr", "Mahkeme, Wikipedia'ya erişim yasağının kaldırılmasına karar verdi."),
    ("tr", "Netflix, diziyi kendi kararıyla katalogdan kaldırdı."),
    ("tr", "Başkan, taraftarları sakin olmaya çağırdı."),
    ("tr", "Şirket, ajansın yorum talebine cevap vermedi."),
    ("pt", "A Meta removeu contas falsas por decisão própria."),
    ("pt", "O site do clube saiu do ar por causa de uma falha técnica."),
    ("pt", "O jogador não atendeu ao pedido do técnico do Flamengo."),
    ("pt", "A escola proibiu o uso do celular em sala de aula."),
    ("de", "Der Verein rief die Fans dazu auf, ruhig zu bleiben."),
    ("de", "Der Stürmer brummte dem Verteidiger eine Gelbe Karte auf."),
    ("de", "Die Zeitung zitierte den Chef von X mit den Worten, alles sei gut."),
    ("de", "Der Dienst löschte die Konten aus eigenem Antrieb."),
    ("de", "Die Stadt verbot das Grillen im Park."),
    ("de", "Die Mannschaft widersetzte sich dem Trainer."),
    ("de", "Der Verein hat den Spieler zu einem Gespräch eingeladen."),
    ("tr", "Twitter, mahkemeden erişim engelinin kaldırılmasını talep etti."),
]


@pytest.mark.parametrize(("lang", "text"), QUIET)
def test_ordinary_news_in_the_same_words_gives_no_event(lang: str, text: str) -> None:
    assert brief(text, lang) == set()
