"""BLOCK and THROTTLE as English and Russian news tell them: the verbs, nouns with their light
verbs, passives and impersonal forms, and the objects they take, through the whole pipeline;
and ordinary news with the same words that reports no state act.

Every sentence here is written for the test; none is taken from published reporting.
"""

from __future__ import annotations

from datetime import date

import pytest
from reading import acts_of

PUBLISHED = date(2021, 9, 16)


def read(lang: str, text: str) -> set[tuple[str, str | None, str | None]]:
    return acts_of(text, lang, PUBLISHED)


WORDINGS = [
    ("en", "Pakistan's telecom authority disabled access to X.", "BLOCK", ["Twitter"]),
    ("en", "Turkey's telecom regulator BTK cut access to Instagram.", "BLOCK", ["Instagram"]),
    ("en", "Roskomnadzor added Meduza to its registry of banned sites.", "BLOCK", ["Meduza"]),
    (
        "en",
        "The website of Meduza was added to the registry of banned sites on Monday.",
        "BLOCK",
        ["Meduza"],
    ),
    (
        "en",
        "Facebook is now inaccessible in Russia after Roskomnadzor's decision.",
        "BLOCK",
        ["Facebook"],
    ),
    ("en", "Roskomnadzor has made Facebook inaccessible in Russia.", "BLOCK", ["Facebook"]),
    ("en", "Pakistan's government has outlawed TikTok.", "BLOCK", ["TikTok"]),
    ("en", "Roskomnadzor imposed restrictions on Twitter.", "BLOCK", ["Twitter"]),
    ("en", "Roskomnadzor announced restrictions on access to Instagram.", "BLOCK", ["Instagram"]),
    ("en", "The regulator took Telegram offline in Russia.", "BLOCK", ["Telegram"]),
    (
        "en",
        "The Iranian government switched off Facebook and WhatsApp during the exams.",
        "BLOCK",
        ["Facebook", "WhatsApp"],
    ),
    ("en", "Roskomnadzor started restricting the work of Telegram.", "BLOCK", ["Telegram"]),
    (
        "en",
        "The speed of YouTube has been reduced by up to 70 percent, Roskomnadzor said.",
        "THROTTLE",
        ["YouTube"],
    ),
    ("en", "Russia has degraded access to YouTube.", "THROTTLE", ["YouTube"]),
    (
        "en",
        "Bandwidth restrictions were imposed on Twitter by Turkish authorities.",
        "THROTTLE",
        ["Twitter"],
    ),
    ("ru", "Роскомнадзор сообщил об ограничении доступа к Instagram.", "BLOCK", ["Instagram"]),
    ("ru", "Роскомнадзор ограничил Facebook.", "BLOCK", ["Facebook"]),
    (
        "ru",
        "Роскомнадзор частично ограничил звонки в WhatsApp и Telegram.",
        "BLOCK",
        ["Telegram", "WhatsApp"],
    ),
    ("ru", "Власти Ирана отключили WhatsApp и Instagram.", "BLOCK", ["Instagram", "WhatsApp"]),
    ("ru", "Роскомнадзор ограничил функционирование Facebook.", "BLOCK", ["Facebook"]),
    ("ru", "Роскомнадзор наложил запрет на работу Telegram.", "BLOCK", ["Telegram"]),
    ("ru", "Доступ к Facebook закрыт в России.", "BLOCK", ["Facebook"]),
    ("ru", "Работа Telegram в России приостановлена.", "BLOCK", ["Telegram"]),
    ("ru", "Роскомнадзор прекратил доступ к Telegram.", "BLOCK", ["Telegram"]),
    ("ru", "Скорость YouTube была снижена Роскомнадзором на 70%.", "THROTTLE", ["YouTube"]),
    ("en", "Access to Telegram was cut on Monday by Roskomnadzor.", "BLOCK", ["Telegram"]),
    ("en", "The blocking of Telegram by Roskomnadzor began in April 2018.", "BLOCK", ["Telegram"]),
    ("en", "The government's ban on TikTok took effect on Monday.", "BLOCK", ["TikTok"]),
    ("en", "Iranian authorities have filtered Telegram since 2018.", "BLOCK", ["Telegram"]),
    ("ru", "Telegram попал под блокировку в России.", "BLOCK", ["Telegram"]),
    ("ru", "Роскомнадзор ввел ограничения на работу Telegram.", "BLOCK", ["Telegram"]),
    (
        "ru",
        "Ограничение работы WhatsApp вызвало недовольство пользователей.",
        "BLOCK",
        ["WhatsApp"],
    ),
    ("ru", "Роскомнадзор заявил о замедлении YouTube.", "THROTTLE", ["YouTube"]),
    ("ru", "Роскомнадзор ограничил скорость Twitter.", "THROTTLE", ["Twitter"]),
    ("en", "The authorities imposed curbs on Telegram.", "BLOCK", ["Telegram"]),
    ("en", "RT was taken off the air in Britain after Ofcom revoked its licence.", "BLOCK", ["RT"]),
    ("ru", "В отношении Telegram введены ограничения.", "BLOCK", ["Telegram"]),
    ("ru", "Сайт «Медузы» недоступен в России с 4 марта.", "BLOCK", ["Meduza"]),
    ("ru", "Роскомнадзор ограничил трафик Telegram.", "THROTTLE", ["Telegram"]),
    (
        "ru",
        "Эксперты связали деградацию работы YouTube с действиями Роскомнадзора.",
        "THROTTLE",
        ["YouTube"],
    ),
]


@pytest.mark.parametrize(("lang", "text", "etype", "targets"), WORDINGS)
def test_the_wording_reports_the_act_on_its_platforms(
    lang: str, text: str, etype: str, targets: list[str]
) -> None:
    found = read(lang, text)
    assert sorted({t for k, _, t in found if k == etype and t}) == targets, found


NEAR_MISSES = [
    ("en", "The storm cut access to the village for three days."),
    ("en", "Users were denied access to their accounts after the outage at Facebook."),
    ("en", "Ofcom added the channel to its list of licensed broadcasters."),
    ("en", "Telegram disabled access to the channel after a complaint from users."),
    ("en", "Google disabled access to the feature for teenagers."),
    ("en", "Meta turned off comments on Instagram posts of children."),
    ("en", "The company switched off its servers in Russia after leaving the market."),
    ("en", "Microsoft cut access to its cloud services for Russian customers over sanctions."),
    ("en", "Apple took the app offline after a security breach."),
    ("en", "Hackers knocked the Meduza website offline for several hours."),
    ("en", "A DDoS attack forced the website of Novaya Gazeta offline."),
    ("en", "YouTube pulled the plug on its Stories feature."),
    ("en", "Facebook is inaccessible in some regions because of a power outage, the company said."),
    ("en", "The company restricted the work of its moderators in Russia."),
    ("en", "X suspended the operations of its office in Brazil."),
    ("en", "Google halted operations of its Russian subsidiary after bankruptcy."),
    ("en", "The European Union imposed restrictions on exports of chips to Russia."),
    ("en", "The regulator imposed restrictions on Google's use of personal data."),
    ("en", "Netflix introduced restrictions on password sharing."),
    ("en", "Speed limits on roads near schools were cut."),
    ("en", "The firm introduced speed limits for its delivery trucks."),
    ("en", "The government prohibited officials from using WhatsApp for state business."),
    ("en", "The new law prohibits discrimination by platforms."),
    ("en", "The company made its app available in Russia again."),
    ("en", "The update rendered the app unusable for some users."),
    ("en", "Twitter outlawing hate speech was welcomed by activists."),
    ("en", "The regulator added Telegram to its registry of information distributors."),
    ("en", "The Meduza site was added to the list of the most read media."),
    ("en", "The blocking of the road by protesters began at dawn."),
    ("en", "The ban on smoking in bars took effect on Monday."),
    ("en", "Google filtered out spam from Gmail inboxes."),
    ("en", "Meta's filtering of hate speech continued to draw criticism."),
    ("en", "LinkedIn remains popular among job seekers in Russia."),
    ("en", "Access to the building was restricted during the visit of the president."),
    ("en", "Access to the stadium remains closed after the storm."),
    ("en", "Telegram remains unblocked in Russia after the regulator lifted the ban."),
    ("en", "The suspension of the Twitter executive began last week."),
    ("en", "The shutdown of the Google office in Moscow began in May."),
    ("en", "The show was taken off the air by the BBC after complaints."),
    ("en", "The regulator imposed limits on fees charged by Google."),
    ("ru", "Компания Meta ограничила рекламу в России."),
    ("ru", "Telegram ограничил каналы, распространявшие фейки."),
    ("ru", "YouTube ограничил монетизацию российских каналов."),
    ("ru", "Google отключил российских пользователей от платных сервисов."),
    ("ru", "Apple отключила Apple Pay в России после введения санкций."),
    ("ru", "Власти отключили электричество в регионе после урагана."),
    ("ru", "Microsoft прекратил доступ российских клиентов к облачным сервисам из-за санкций."),
    ("ru", "Компания прекратила работу в России."),
    ("ru", "Работа Telegram была нарушена из-за сбоя в дата-центре."),
    ("ru", "Доступ к Instagram был восстановлен после сбоя."),
    ("ru", "Скорость YouTube снизилась из-за сбоя на серверах Google."),
    ("ru", "Пользователи пожаловались на деградацию качества связи."),
    ("ru", "Власти ввели запрет на рекламу в соцсетях."),
    ("ru", "Суд наложил арест на счета компании Google."),
    ("ru", "Работа над законом о блокировке VPN приостановлена."),
    ("ru", "Сайт «Медузы» недоступен из-за DDoS-атаки."),
    ("ru", "Роскомнадзор сообщил об отмене ограничений для LinkedIn."),
    ("ru", "Роскомнадзор ограничил число запросов к сервису."),
    ("ru", "Telegram остается самым популярным мессенджером в России."),
    ("ru", "Компания «Яндекс» попала под санкции ЕС."),
    ("ru", "Ограничение работы офиса Google в Москве продлилось неделю."),
    ("ru", "Рост аудитории Telegram замедляется."),
    ("ru", "Instagram замедляется из-за сбоя на серверах Meta."),
    ("ru", "Ограничение доступа к персональным данным пользователей обсуждается в Госдуме."),
    ("ru", "В отношении компании «Яндекс» введены санкции."),
    ("ru", "Сайт Telegram недоступен в ряде регионов из-за сбоя."),
    ("ru", "Сайт «Медузы» недоступен в России из-за DDoS-атаки хакеров."),
    ("ru", "Для водителей введены ограничения скорости на трассе."),
]


@pytest.mark.parametrize(("lang", "text"), NEAR_MISSES)
def test_ordinary_news_with_the_same_words_reports_no_block(lang: str, text: str) -> None:
    found = read(lang, text)
    assert not [e for e in found if e[0] in ("BLOCK", "THROTTLE")], found
