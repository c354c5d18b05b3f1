"""Russian: whole sentences (written for these tests) in the forms that real reporting from
Russia, Belarus, Central Asia, the Caucasus, Ukraine and Moldova uses and the pack reads:
access restricted told with its object first, calls restricted, registers named before what
fell into them, fines by their imposition or punishment, a warning "внесено", an
authority's suit, officials' words of non-cooperation, censorship or abuse of dominance,
requests sent into a platform, bans told impersonally; and the near misses of ordinary news
that must stay silent (outages and works, hypotheticals, platforms' own moderation, private
suits, drivers' fines)."""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.extract.pipeline import extract
from clampdown.model import Document

PUB = date(2024, 9, 20)


def read(text: str) -> set[tuple[str, str | None]]:
    doc = Document(id="t", text=text, published=PUB, lang="ru")
    return {(e.type, e.target) for e in extract(doc).events}


CASES = [
    ("Доступ к сайту издания «Медуза» ограничили по требованию Генпрокуратуры.",
     {("BLOCK", "Meduza")}),
    ("Звонки в мессенджерах Telegram и WhatsApp частично ограничили в России.",
     {("BLOCK", "Telegram"), ("BLOCK", "WhatsApp")}),
    ("Роскомнадзор подтвердил блокирование в России голосовых вызовов в приложении WhatsApp.",
     {("BLOCK", "WhatsApp")}),
    ("В реестр запрещенных попали сайты «Медузы» и «Дождя».",
     {("BLOCK", "Meduza"), ("BLOCK", "TV Rain")}),
    ("Роскомнадзор внес блог «Эха Москвы» в «черный список».", {("BLOCK", "Ekho Moskvy")}),
    ("ФАС вынесла решение о наложении на Apple оборотного штрафа.", {("FINE", "Apple")}),
    ("Суд наказал Google штрафом за неудаление роликов.", {("FINE", "Google")}),
    ("Роскомнадзор внес предупреждение Telegram о необходимости удалить каналы.",
     {("WARNING", "Telegram")}),
    ("Суд удовлетворил иск Роскомнадзора к LinkedIn.", {("LEGAL_ACTION", "LinkedIn")}),
    ("Песков заявил, что Telegram не намерен сотрудничать с российскими властями.",
     {("ACCUSATION", "Telegram")}),
    ("Роскомнадзор заявил, что YouTube прибегает к цензуре российских СМИ.",
     {("ACCUSATION", "YouTube")}),
    ("ФАС признала, что Apple злоупотребляет доминирующим положением.",
     {("ACCUSATION", "Apple")}),
    ("Роскомнадзор направил в соцсеть Twitter более ста требований об удалении.",
     {("DEMAND", "Twitter")}),
    ("TikTok запретили в Кыргызстане.", {("BLOCK", "TikTok")}),
    ("Роскомнадзор ввел запрет на доступ к игровой платформе Roblox.", {("BLOCK", "Roblox")}),
    # the fifth harvest
    ("Доступ к сайту «Медузы» заблокировал Роскомнадзор.", {("BLOCK", "Meduza")}),
    ("Власти отключили все соцсети в стране, включая Facebook и Telegram.",
     {("BLOCK", "Facebook"), ("BLOCK", "Telegram")}),
    ("Регулятор пригрозил компаниям Apple и Google штрафами.",
     {("FINE", "Apple"), ("FINE", "Google")}),
    ("Штраф до 8 миллионов рублей грозит Telegram за неудаление материалов.",
     {("FINE", "Telegram")}),
    ("В мае Twitter был выписан штраф в размере 3 млн рублей.", {("FINE", "Twitter")}),
    ("ФАС направила в суд иск к Apple о понуждении к исполнению предписания.",
     {("LEGAL_ACTION", "Apple")}),
    ("ФАС возбудила в отношении американской компании Google административное дело.",
     {("LEGAL_ACTION", "Google")}),
    ("Руководство соцсети Facebook просили принять меры.", {("DEMAND", "Facebook")}),
    ("Минцифры запросило у Apple причины удаления приложений.", {("DEMAND", "Apple")}),
    ("Роскомнадзор принимает ограничительные меры в отношении мессенджера WhatsApp.",
     {("BLOCK", "WhatsApp")}),
    ("Роскомнадзор заявил, что WhatsApp продолжает нарушать российское законодательство.",
     {("ACCUSATION", "WhatsApp")}),
    ("Министерство заблокировало доступ к более чем 70 сайтам, в том числе к сайту «Медиазона».",
     {("BLOCK", "Mediazona")}),
    ("Сетям Facebook и Twitter грозят миллионные штрафы.",
     {("FINE", "Facebook"), ("FINE", "Twitter")}),
    ("Роскомнадзор потребовал от Telegram удалить каналы. Однако Telegram так и не удалил каналы.",
     {("DEMAND", "Telegram"), ("REFUSAL", "Roskomnadzor")}),
    ("Роскомнадзор сообщил, что Google открыл представительство в России.",
     {("COMPLIANCE", "Roskomnadzor")}),
    ("Роскомнадзор сообщил, что Google перенес данные российских пользователей на серверы в РФ.",
     {("COMPLIANCE", "Roskomnadzor")}),
    ("YouTube и Facebook оказались под запретом в Туркменистане.",
     {("BLOCK", "YouTube"), ("BLOCK", "Facebook")}),
    ("Мининформ включил Telegram-канал «Nexta» в список экстремистских материалов.",
     {("BLOCK", "Nexta")}),
]

NEAR_MISSES = [
    "Доступ к порталу «Госуслуги» ограничили на время технических работ.",
    "Доступ к сайту СМИ может быть ограничен, если оно распространяет призывы.",
    "Звонки в роуминге ограничат с 1 июля.",
    "В реестр запрещенных веществ внесены новые препараты.",
    "Мессенджер Telegram накануне заблокировал свыше 200 тысяч групп и каналов.",
    "Штрафы для водителей составили 5 тысяч рублей.",
    "Суд удовлетворил иск прокурора к водителю.",
    "Оппозиция заявила, что не намерена сотрудничать с властями.",
    "Сайт издания «Медуза» перестал открываться по неизвестным причинам.",
    "Мессенджер Telegram перестал загружаться из-за масштабного сбоя.",
    "Штраф до 5 тысяч рублей грозит водителям.",
    "Журналисты запросили у пресс-службы комментарий.",
    "Пользователи попросили удалить ролик.",
    "Роскомнадзор сообщил, что Google перенес офис в Дубай.",
    "Сервисы YouTube и Facebook оказались под угрозой.",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reported_wordings_are_read(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert expected <= read(text)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_ordinary_news_stays_silent(text: str) -> None:
    assert read(text) == set()
