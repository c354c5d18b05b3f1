"""Russian documents through the whole pipeline: inflected names, money, dates, hedges.

Every sentence here is written for the test; none is taken from published reporting.
"""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.extract.language import language_pack
from clampdown.extract.pipeline import extract, gazetteer
from clampdown.model import Document, Event

PUBLISHED = date(2021, 9, 16)  # a Thursday


def events(text: str, published: date | None = PUBLISHED) -> list[Event]:
    return extract(Document(id="t", text=text, published=published, lang="ru")).events


def only(text: str, etype: str, published: date | None = PUBLISHED) -> Event:
    found = [e for e in events(text, published) if e.type == etype]
    assert len(found) == 1, found
    return found[0]


# -- names in their case forms ----------------------------------------------------------


@pytest.mark.parametrize(
    "surface",
    ["Роскомнадзор", "Роскомнадзора", "Роскомнадзору", "Роскомнадзором", "Роскомнадзоре"],
)
def test_regulator_is_found_in_every_case(surface: str) -> None:
    found = gazetteer().find(f"Об этом сообщили в {surface} и больше ничего.")
    assert [m.entity.name for m in found] == ["Roskomnadzor"]


@pytest.mark.parametrize(
    "surface", ["Таганский районный суд", "Таганского районного суда", "Таганским районным судом"]
)
def test_court_is_found_in_every_case(surface: str) -> None:
    found = gazetteer().find(f"Решение принял {surface} города.")
    assert [m.entity.name for m in found] == ["Tagansky District Court"]


def test_fine_by_court_in_nominative_with_weekday() -> None:
    ev = only(
        "Таганский районный суд Москвы в четверг оштрафовал Telegram на 3 млн руб. "
        "за неудаление запрещенной информации.",
        "FINE",
    )
    assert (ev.actor, ev.target) == ("Tagansky District Court", "Telegram")
    assert (ev.amount, ev.currency) == (3_000_000, "RUB")
    assert (ev.date, ev.status, ev.country) == ("2021-09-16", "done", "RU")


def test_passive_fine_takes_the_agent_in_the_instrumental() -> None:
    ev = only("Мессенджер Telegram был оштрафован Таганским районным судом 14 сентября.", "FINE")
    assert (ev.actor, ev.target) == ("Tagansky District Court", "Telegram")
    assert (ev.date, ev.status) == ("2021-09-14", "done")


def test_target_in_the_dative_and_fine_in_size() -> None:
    ev = only("Мировой суд назначил Яндексу штраф в размере 800 тыс. рублей.", "FINE")
    assert (ev.actor, ev.target) == ("Moscow Magistrates' Court", "Yandex")
    assert (ev.amount, ev.currency) == (800_000, "RUB")


def test_block_by_order_of_regulator_in_the_genitive_with_numeric_date() -> None:
    ev = only("Доступ к LinkedIn был ограничен по требованию Роскомнадзора 14.09.2021.", "BLOCK")
    assert (ev.actor, ev.target) == ("Roskomnadzor", "LinkedIn")
    assert (ev.date, ev.status) == ("2021-09-14", "done")


def test_refusal_addressed_to_regulator_in_the_dative() -> None:
    ev = only("Telegram отказался подчиниться Роскомнадзору.", "REFUSAL")
    assert (ev.actor, ev.target) == ("Telegram", "Roskomnadzor")


def test_quoted_indeclinable_name_and_anaphoric_compliance() -> None:
    found = events(
        "Роскомнадзор в четверг оштрафовал «Яндекс» на 2 млн рублей. Компания заплатила штраф."
    )
    fine = next(e for e in found if e.type == "FINE")
    assert (fine.actor, fine.target, fine.amount) == ("Roskomnadzor", "Yandex", 2_000_000)
    paid = next(e for e in found if e.type == "COMPLIANCE")
    assert (paid.actor, paid.target) == ("Yandex", "Roskomnadzor")


# -- money ------------------------------------------------------------------------------


def test_range_goes_to_amount_range_and_threat_is_announced() -> None:
    ev = only("Компании Twitter грозит штраф от 800 тыс. до 4 млн рублей.", "FINE")
    assert ev.target == "Twitter"
    assert ev.amount is None
    assert ev.amount_range == [800_000, 4_000_000]
    assert (ev.currency, ev.status) == ("RUB", "announced")


def test_one_fine_for_each_listed_platform() -> None:
    found = events("Мировой суд оштрафовал Twitter и Facebook на 4 млн рублей каждую.")
    fines = sorted((e.target, e.amount) for e in found if e.type == "FINE")
    assert fines == [("Facebook", 4_000_000), ("Twitter", 4_000_000)]


def test_indefinite_personal_fine_with_the_object_first() -> None:
    ev = only("В понедельник соцсеть Twitter оштрафовали на 3,2 млн руб.", "FINE")
    assert (ev.target, ev.amount, ev.currency) == ("Twitter", 3_200_000, "RUB")
    assert ev.date == "2021-09-13"


def test_fine_on_a_bank_is_not_an_event() -> None:
    assert events("Банк «Открытие» оштрафован ЦБ на 5 млн рублей.") == []


# -- dates, hedges and negation ----------------------------------------------------------


def test_last_month_resolves_against_publication() -> None:
    ev = only(
        "В прошлом месяце Роскомнадзор потребовал от Google удалить запрещенные ролики.", "DEMAND"
    )
    assert (ev.actor, ev.target) == ("Roskomnadzor", "Google")
    assert (ev.date, ev.status) == ("2021-08", "done")


def test_intention_is_announced() -> None:
    ev = only("Роскомнадзор намерен заблокировать Telegram.", "BLOCK")
    assert (ev.actor, ev.target, ev.status) == ("Roskomnadzor", "Telegram", "announced")


def test_future_verb_is_announced() -> None:
    ev = only("Ведомство попросит Apple удалить приложение из магазина.", "DEMAND")
    assert (ev.target, ev.status) == ("Apple", "announced")


def test_negated_block_is_not_an_event() -> None:
    assert events("Роскомнадзор не будет блокировать Twitter.") == []


def test_platform_compliance_names_the_regulator() -> None:
    ev = only("Google удалил запрещенные материалы по требованию Роскомнадзора.", "COMPLIANCE")
    assert (ev.actor, ev.target) == ("Google", "Roskomnadzor")


def test_threat_in_the_instrumental_is_announced() -> None:
    ev = only("Роскомнадзор пригрозил Twitter блокировкой.", "BLOCK")
    assert (ev.actor, ev.target, ev.status) == ("Roskomnadzor", "Twitter", "announced")


def test_gerund_clause_shares_the_main_subject() -> None:
    ev = only(
        "Роскомнадзор опубликовал данные о нарушениях Twitter, пригрозив заблокировать соцсеть.",
        "BLOCK",
    )
    assert (ev.actor, ev.target, ev.status) == ("Roskomnadzor", "Twitter", "announced")


def test_declining_to_comment_is_not_a_refusal() -> None:
    assert events("Google отказался от комментариев.") == []


def test_gapped_clause_repeats_the_response() -> None:
    """«..., а Google — три штрафа»: the verb is left out but the act is Google's too."""
    text = (
        "Роскомнадзор оштрафовал компании. При этом Facebook погасил восемь штрафов, "
        "а Google — три штрафа на 6 млн руб."
    )
    doc = Document(id="g", text=text, lang="ru")
    actors = {e.actor for e in extract(doc).events if e.type == "COMPLIANCE"}
    assert actors == {"Facebook", "Google"}


def test_gapped_clause_gives_the_next_fine_its_own_platform() -> None:
    """«Facebook — на 15 млн, Twitter — на 17 млн»: each amount to the platform beside it."""
    text = "Суд оштрафовал Facebook на 15 млн рублей, Twitter – на 17 млн рублей."
    fines = {(e.target, e.amount) for e in events(text)}
    assert fines == {("Facebook", 15_000_000), ("Twitter", 17_000_000)}


def test_negated_gapped_clause_is_a_refusal() -> None:
    text = "Роскомнадзор оштрафовал компании. Facebook оплатила штраф, Twitter – не оплатил."
    got = {(e.type, e.actor) for e in events(text)}
    assert {("COMPLIANCE", "Facebook"), ("REFUSAL", "Twitter")} <= got
    assert ("COMPLIANCE", "Twitter") not in got


def test_refusal_named_by_a_noun_before_the_platform() -> None:
    """«отказ Telegram передать ключи»: the platform follows the noun that names the refusal."""
    text = "ФСБ потребовала ключи шифрования, но отказ Telegram передать их ведомству был твердым."
    doc = Document(id="r", text=text, lang="ru")
    assert any(e.type == "REFUSAL" and e.actor == "Telegram" for e in extract(doc).events)


def test_the_agency_reporting_an_act_is_not_its_target() -> None:
    ev = only("Роскомнадзор замедлил работу Twitter, сообщает Интерфакс.", "THROTTLE")
    assert (ev.actor, ev.target) == ("Roskomnadzor", "Twitter")


def test_a_date_in_a_relative_clause_belongs_to_that_clause() -> None:
    ev = only("Google отказался исполнять закон, который действует с 2015 года.", "REFUSAL")
    assert ev.date == PUBLISHED.isoformat()  # undated: news as of the report, not 2015


def test_removal_at_the_regulators_demand_is_compliance() -> None:
    ev = only(
        "Apple по требованию Роскомнадзора удалила из App Store приложения VPN-сервисов.",
        "COMPLIANCE",
    )
    assert (ev.actor, ev.target) == ("Apple", "Roskomnadzor")


def test_a_planned_block_is_dated_from_the_day_it_takes_effect() -> None:
    ev = only("Роскомнадзор заявил, что ограничит доступ к Instagram с 14 марта.", "BLOCK")
    assert (ev.status, ev.date) == ("announced", "2022-03-14")


def test_the_agency_of_a_dateline_is_its_credit() -> None:
    credit = language_pack("ru").credit_line
    text = "МОСКВА, 16 сен — РИА Новости. Роскомнадзор заблокировал Telegram."
    m = credit.search(text)
    assert m is not None and m.group("credit2") == "РИА Новости"
    assert credit.search("Роскомнадзор (РКН) заблокировал Telegram.") is None


def test_demand_named_before_the_verb_of_compliance() -> None:
    found = events(
        "Роскомнадзор потребовал от TikTok удалить видео. Компания требование выполнила."
    )
    assert {(e.type, e.actor, e.target) for e in found} == {
        ("DEMAND", "Roskomnadzor", "TikTok"),
        ("COMPLIANCE", "TikTok", "Roskomnadzor"),
    }
    refused = events(
        "Роскомнадзор потребовал от TikTok удалить видео. Компания требования не выполнила."
    )
    assert "COMPLIANCE" not in {e.type for e in refused}


def test_register_named_before_the_blocked_pages() -> None:
    ev = only("Роскомнадзор внес в реестр запрещенных сайтов несколько страниц Facebook.", "BLOCK")
    assert (ev.actor, ev.target) == ("Roskomnadzor", "Facebook")


def test_the_country_of_a_passive_block_is_where_not_what() -> None:
    ev = only("Доступ к Instagram в России ограничен по требованию Генпрокуратуры.", "BLOCK")
    assert (ev.actor, ev.target) == ("Prosecutor General's Office", "Instagram")


def test_earlier_fines_in_the_imperfective_are_each_a_fine() -> None:
    found = events(
        "Суд оштрафовал Twitch на 4 млн рублей. Ранее в этом году платформу уже "
        "штрафовали на 2 млн и 3 млн рублей."
    )
    assert sorted(e.amount for e in found if e.type == "FINE") == [2e6, 3e6, 4e6]
    assert {e.date for e in found if e.amount in (2e6, 3e6)} == {"2021"}


def test_an_object_pronoun_is_never_the_subject() -> None:
    found = events(
        "Роскомнадзор пригрозил ограничить доступ к YouTube. Ранее ведомство направило "
        "Google несколько требований, однако компания их не выполнила."
    )
    assert [(e.actor, e.target) for e in found if e.type == "REFUSAL"] == [
        ("Google", "Roskomnadzor")
    ]


def test_a_platform_before_an_indefinite_personal_verb_is_its_object() -> None:
    ev = only("Google оштрафовали за повторное нарушение.", "FINE")
    assert ev.target == "Google"
    assert not [e for e in events("Telegram заблокировал аккаунты террористов.")]


def test_the_speaker_of_a_platforms_violation_is_the_accuser() -> None:
    ev = only("Роскомнадзор заявил, что Twitter нарушил российское законодательство.", "ACCUSATION")
    assert (ev.actor, ev.target) == ("Roskomnadzor", "Twitter")


def test_names_in_quotes_after_a_service_noun_are_platforms() -> None:
    found = {e.target for e in events("Роскомнадзор заблокировал платформы «Голос» и «Зубр».")}
    assert found == {"Голос", "Зубр"}


def test_a_court_named_by_its_place_is_the_actor() -> None:
    ev = only("Гянджинский суд постановил заблокировать доступ к сайту Meydan TV.", "BLOCK")
    assert ev.actor == "Гянджинский суд"


def test_the_agency_a_refusal_answers_may_be_referred_to() -> None:
    text = (
        "Таганский суд оштрафовал Telegram. В пресс-службе Роскомнадзора заявили, что Telegram"
        " не устранил нарушения по требованию ведомства."
    )
    ev = only(text, "REFUSAL")
    assert (ev.actor, ev.target) == ("Telegram", "Roskomnadzor")


def test_bailiffs_opening_a_case_and_protocols_drawn_up_are_legal_actions() -> None:
    ev = only(
        "Приставы завели в отношении компании Google дело о взыскании штрафа.", "LEGAL_ACTION"
    )
    assert ev.target == "Google"
    text = "Суд рассмотрел протоколы, составленные Роскомнадзором в отношении Facebook и Twitter."
    assert {e.target for e in events(text) if e.type == "LEGAL_ACTION"} == {"Facebook", "Twitter"}


def test_a_passive_with_its_subject_after_it() -> None:
    ev = only("По требованию Генпрокуратуры заблокирован сайт «МБХ медиа».", "BLOCK")
    assert ev.target == "MBKh Media"


def test_the_agent_of_a_participle_and_the_source_of_a_passive_act_are_actors() -> None:
    ev = only("По требованию Генпрокуратуры заблокирован сайт «МБХ медиа».", "BLOCK")
    assert ev.actor == "Prosecutor General's Office"
    text = "Суд рассмотрел протоколы, составленные Роскомнадзором в отношении Facebook."
    assert only(text, "LEGAL_ACTION").actor == "Roskomnadzor"


def test_a_channel_declared_extremist_is_blocked() -> None:
    ev = only("Суд Минска признал экстремистским Telegram-канал «Голос».", "BLOCK")
    assert ev.target == "Голос"


def test_a_court_named_by_its_town_is_that_towns_country() -> None:
    found = events(
        "Суд Барановичей заблокировал четыре телеграм-канала:\n- «Лида Live»,\n- «Зубр».\n"
    )
    assert {(e.actor, e.target, e.country) for e in found} == {
        ("Суд Барановичей", "Лида Live", "BY"),
        ("Суд Барановичей", "Зубр", "BY"),
    }


def test_a_denied_block_is_no_event() -> None:
    assert not events("Минцифры опровергло сообщения о том, что Telegram заблокирован в России.")
    assert events("Минцифры сообщило, что Telegram заблокирован в России.")


def test_the_foundation_refers_back_to_the_encyclopedia_named_before() -> None:
    text = (
        "Суд оштрафовал Wikimedia Foundation на 2 млн рублей.\n"
        "В апреле фонд уже штрафовали за то же самое на 5 млн руб."
    )
    amounts = {e.amount for e in events(text) if e.type == "FINE" and e.target == "Wikipedia"}
    assert amounts == {2_000_000, 5_000_000}


def test_unnamed_actor_is_the_authority_named_later_in_the_sentence() -> None:
    """«замедление Twitter, которое Роскомнадзор инициировал»: the regulator, not the state."""
    text = "Во вторник замедление Twitter, которое Роскомнадзор инициировал, продолжилось."
    got = {(e.type, e.actor) for e in events(text)}
    assert ("THROTTLE", "Roskomnadzor") in got


def test_owner_of_a_platform_stands_for_it() -> None:
    """«в отношении владельца Facebook»: the owner of Facebook is acted on, not an owner named."""
    text = "Роскомнадзор составил протокол в отношении владельца Facebook."
    got = {(e.type, e.target) for e in events(text)}
    assert ("LEGAL_ACTION", "Facebook") in got


def test_body_introduced_as_speaker_is_the_actor() -> None:
    """«По заявлению замглавы Роскомнадзора, у Twitter есть месяц ...»: the regulator demands."""
    text = (
        "Блокировка Twitter. По заявлению замглавы Роскомнадзора Вадима Субботина, у Twitter "
        "есть месяц на то, чтобы удалить всю запрещенную информацию."
    )
    got = {(e.type, e.actor) for e in events(text)}
    assert ("DEMAND", "Roskomnadzor") in got


def test_the_source_of_a_report_is_no_antecedent() -> None:
    """«..., сообщает ТАСС. ... администрации указанного интернет-ресурса»: Wikipedia, not TASS."""
    text = (
        "Роскомнадзор потребовал от «Википедии» удалить статью, сообщает ТАСС. Роскомнадзор "
        "1 марта направил уведомление в адрес администрации указанного интернет-ресурса о "
        "необходимости удалить недостоверную информацию."
    )
    targets = {e.target for e in events(text)}
    assert "TASS" not in targets and "Wikipedia" in targets


def test_the_court_whose_decision_an_act_follows_is_its_actor() -> None:
    text = (
        "Глава Роскомнадзора Александр Жаров выступил в Думе. Причина - блокировка Telegram "
        "на территории России по решению Таганского суда города Москвы."
    )
    blocks = [e for e in events(text) if e.type == "BLOCK"]
    assert blocks and all("Tagansky" in (e.actor or "") for e in blocks)


def test_considering_whether_to_block_is_no_block() -> None:
    for text in (
        "Вице-министр Канат Искаков ответил на вопрос, рассматривают ли в Казахстане "
        "блокировку TikTok.",
        "Министр информации Дархан Кыдырали прокомментировал блокировку сайта TikTok.",
    ):
        assert not events(text)


def test_what_fell_under_a_ban_is_blocked() -> None:
    text = (
        "Власти Азербайджана ограничили интернет. Так, под блокировку еще 27 сентября "
        "попали Facebook, WhatsApp и YouTube."
    )
    targets = {e.target for e in events(text) if e.type == "BLOCK"}
    assert {"Facebook", "WhatsApp", "YouTube"} <= targets


def test_capital_after_a_court_says_where_it_sits_not_who_acted() -> None:
    ev = only("Таганский суд Москвы оштрафовал компанию Google на 3 миллиона рублей.", "FINE")
    assert (ev.actor, ev.target, ev.amount) == ("Tagansky District Court", "Google", 3_000_000)


def test_a_list_said_to_be_meant_completes_an_act_on_a_kind_of_platform() -> None:
    text = (
        "Регулятор ограничил работу нескольких популярных соцсетей. Вечером ограничения сняли. "
        "Речь идет о YouTube, LinkedIn и Telegram."
    )
    assert {e.target for e in events(text) if e.type == "BLOCK"} == {
        "YouTube",
        "LinkedIn",
        "Telegram",
    }
    # a later sentence that only names platforms is no list of the act
    other = (
        "Регулятор ограничил работу нескольких сайтов. "
        "Позднее LinkedIn и Telegram обновили приложения."
    )
    assert not [e for e in events(other) if e.type == "BLOCK"]


def test_a_kind_of_apps_is_completed_by_the_list_after_it() -> None:
    # Apps are a kind of platform as sites and services are, a hyphenated prefix included.
    text = "Регулятор заблокировал некоторые VPN-приложения. В их числе: NordVPN и Proton VPN."
    assert {e.target for e in events(text) if e.type == "BLOCK"} == {"NordVPN", "ProtonVPN"}


def test_a_refusal_named_as_the_cause_of_a_protocol() -> None:
    text = (
        "Мировой судья составил протокол в отношении Google "
        "за отказ выполнить предписание Роскомнадзора."
    )
    assert ("REFUSAL", "Google") in {(e.type, e.actor) for e in events(text)}


def test_a_slowdown_that_will_start_is_announced() -> None:
    found = [
        (e.type, e.status) for e in events("Роскомнадзор начнет замедлять Telegram во вторник.")
    ]
    assert found == [("THROTTLE", "announced")]


def test_a_list_introduced_as_examples_completes_an_act_on_a_kind_of_platform() -> None:
    text = (
        "Власти заблокировали доступ к некоторым интернет-сайтам. Пользователи неделю не "
        "могли открыть ряд ресурсов (включая сайты Centrasia.ru и Lenta.ru)."
    )
    assert {"Centrasia.ru", "Lenta.ru"} <= {e.target for e in events(text) if e.type == "BLOCK"}


def test_a_slowdown_decided_to_start_is_announced_and_a_question_of_one_is_none() -> None:
    found = [
        (e.type, e.status)
        for e in events("Власти решили начать «замедление» мессенджера Telegram в России.")
    ]
    assert ("THROTTLE", "announced") in found
    assert not events("Депутат заявил, что вопрос замедления Telegram в парламенте не обсуждался.")


# -- lists of outlets, passive demands, threatened fines, references --------------------


def test_kinds_of_media_and_a_country_adjective_keep_a_list_going() -> None:
    text = (
        "Надзорное ведомство Молдовы заблокировало сайты агентства ТАСС, радио «Спутник», "
        "эстонской Postimees и телеканалов «Звезда» и «Мир»."
    )
    targets = {e.target for e in events(text) if e.type == "BLOCK"}
    assert {"TASS", "Sputnik", "Postimees", "Zvezda", "Мир"} <= targets


def test_a_conjunction_inside_a_quoted_name_is_part_of_it() -> None:
    text = 'Роскомнадзор заблокировал сайты "Аргументов и фактов", «Первой волны» и «Зари».'
    targets = {e.target for e in events(text) if e.type == "BLOCK"}
    assert {"Argumenty i Fakty", "Первой волны", "Зари"} <= targets
    assert "Аргументов" not in targets


def test_a_fine_threatens_the_outlet_or_company_named_before() -> None:
    for text, target in (
        (
            "Роскомнадзор составил протокол в отношении Медиазоны. Изданию грозит штраф "
            "в размере 300 тысяч рублей.",
            "Mediazona",
        ),
        (
            "Роскомнадзор составил протокол в отношении Google. Теперь ей грозит штраф "
            "до 6 млн рублей.",
            "Google",
        ),
    ):
        fine = only(text, "FINE")
        assert fine.target == target and fine.status == "announced"


def test_a_demand_told_in_the_passive_names_its_addressee_on_either_side() -> None:
    text = (
        "Роскомнадзор направил требования Twitter. Такие же требования были направлены "
        "в редакции радиостанции «Эхо Москвы» и газеты «Северный вестник»."
    )
    demands = {e.target: e.actor for e in events(text) if e.type == "DEMAND"}
    assert {"Twitter", "Ekho Moskvy", "Северный вестник"} <= set(demands)
    assert demands["Ekho Moskvy"] == "Roskomnadzor"
    text = (
        "Регулятор сообщил, что в адрес соцсети TikTok было направлено письмо с требованием "
        "объяснить удаление публикаций."
    )
    assert {e.target for e in events(text) if e.type == "DEMAND"} == {"TikTok"}


def test_a_platform_said_to_break_principles_or_rights_is_accused() -> None:
    text = (
        "Роскомнадзор отмечает, что действия администрации TikTok нарушают ключевые "
        "принципы свободы информации."
    )
    assert only(text, "ACCUSATION").target == "TikTok"


def test_footnote_marks_and_words_inside_quoted_names_keep_a_list_whole() -> None:
    text = (
        "Роскомнадзор заблокировал сайты движений «Рассвет»* и «За честные выборы»*, "
        "а также сайт «Медиазоны»*."
    )
    targets = {e.target for e in events(text) if e.type == "BLOCK"}
    assert {"Рассвет", "За честные выборы", "Mediazona"} <= targets


def test_sites_that_underwent_a_block_are_blocked() -> None:
    text = (
        "Роскомнадзор заблокировал сайт «Медиазоны». В этот же день сайты изданий Colta и "
        "«Вестник Севера» также подверглись блокировке."
    )
    targets = {e.target for e in events(text) if e.type == "BLOCK"}
    assert {"Mediazona", "Colta.ru", "Вестник Севера"} <= targets


def test_names_listed_after_among_them_are_introduced() -> None:
    text = (
        "В России закрыли доступ к сайтам нескольких независимых изданий, среди них «Рассвет» "
        "и «Северный вестник»."
    )
    targets = {e.target for e in events(text) if e.type == "BLOCK"}
    assert targets == {"Рассвет", "Северный вестник"}


def test_moldovas_security_service_is_known_under_both_spellings_of_the_country() -> None:
    for text in (
        "Служба информации и безопасности (СИБ) Молдавии заблокировала сайты.",
        "СИБ Молдавии заблокировала сайты.",
    ):
        found = gazetteer().find(text)
        assert [m.entity.name for m in found] == ["Information and Security Service of Moldova"]


def test_any_adjective_before_a_listed_name_keeps_the_list_going() -> None:
    text = (
        "Провайдерам приказано заблокировать сайты Zoom и антивирусных компаний "
        "«Лаборатория Касперского» и Dr.Web."
    )
    targets = {e.target for e in events(text) if e.type == "BLOCK"}
    assert {"Zoom", "Kaspersky", "Doctor Web"} <= targets


def test_a_demand_that_someone_act_names_them_after_chtoby() -> None:
    ev = only("Роскомнадзор потребовал, чтобы «Медиазона» удалила материал за сутки.", "DEMAND")
    assert (ev.actor, ev.target) == ("Roskomnadzor", "Mediazona")


def test_the_editors_or_newsroom_stand_for_their_outlet() -> None:
    text = (
        "Министерство потребовало, чтобы «Медиазона» удалила материал. Накануне редакторы "
        "отказались удалить публикацию."
    )
    assert only(text, "REFUSAL").actor == "Mediazona"
    text = (
        "Роскомнадзор потребовал от Meduza удалить статью. Такие же требования были "
        "направлены в редакции радиостанции «Эхо Москвы»."
    )
    assert {e.target for e in events(text) if e.type == "DEMAND"} == {"Meduza", "Ekho Moskvy"}


def test_an_act_told_only_as_possible_is_weighed_not_announced() -> None:
    assert not any(e.type == "BLOCK" for e in events("Роскомнадзор может заблокировать Telegram."))
    found = events("Роскомнадзор заявил, что может заблокировать Telegram.")
    assert any(e.type == "BLOCK" and e.target == "Telegram" for e in found)


def test_a_block_proposed_by_a_party_is_no_act() -> None:
    text = "Оппозиционная партия Узбекистана предложила полностью заблокировать в стране TikTok."
    assert not any(e.type == "BLOCK" for e in events(text))
    found = events("Роскомнадзор предложил заблокировать Telegram.")
    assert any(e.type == "BLOCK" and e.actor == "Roskomnadzor" for e in found)


def test_the_state_interfered_in_is_the_victim_not_the_accused() -> None:
    text = (
        "МИД России обвинил посольство Великобритании во вмешательстве во внутренние "
        "дела России."
    )
    assert not any(e.type == "ACCUSATION" and e.target == "Russia" for e in events(text))
    text = "МИД России обвинил США во вмешательстве в выборы."
    assert any(e.type == "ACCUSATION" and e.target == "United States" for e in events(text))


def test_an_act_told_as_needed_is_an_opinion_not_an_act() -> None:
    text = "Депутат считает, что следует запретить TikTok в России."
    assert not any(e.type == "BLOCK" for e in events(text))
    text = (
        "«Нужно усиливать ответственность, полностью блокировать приложения, такие как "
        "TikTok», — говорится в заявлении партии."
    )
    assert not any(e.type == "BLOCK" for e in events(text))
    assert any(e.type == "BLOCK" for e in events("Роскомнадзор заблокировал TikTok."))


def test_a_future_act_on_listed_outlets_is_announced() -> None:
    found = events("В России заблокируют сайты, в том числе «Медузу» и «Дождь».")
    assert {e.target for e in found if e.type == "BLOCK"} == {"Meduza", "TV Rain"}
    text = "Платформы, например TikTok, могут оштрафовать за такие нарушения."
    assert not any(e.type == "FINE" for e in events(text))


def test_platforms_named_before_an_impersonal_plan_to_fine_are_its_targets() -> None:
    text = (
        "Роскомнадзор выявил нарушения в TikTok и YouTube, и все эти интернет-площадки "
        "и планируется оштрафовать."
    )
    found = {e.target for e in events(text) if e.type == "FINE"}
    assert found == {"TikTok", "YouTube"}
    assert not any(e.type == "FINE" for e in events("Планируется оштрафовать за нарушения."))
    text = (
        "Роскомнадзор 20 января сообщал, что выявил нарушения в TikTok и YouTube, и все "
        "эти площадки и планируется оштрафовать."
    )
    found = {(e.actor, e.target) for e in events(text) if e.type == "FINE"}
    assert found == {("Roskomnadzor", "TikTok"), ("Roskomnadzor", "YouTube")}


# -- demands and answers told in other words ------------------------------------------


def test_these_messengers_refer_back_to_the_listed_platforms() -> None:
    text = (
        "Регулятор ограничил доступ к Telegram и WhatsApp. В ведомстве отметили, что данные "
        "мессенджеры неоднократно игнорировали требования."
    )
    found = {e.actor for e in events(text) if e.type == "REFUSAL"}
    assert found == {"Telegram", "WhatsApp"}
    text = "Роскомнадзор получил данные компании Google и проверил их."
    assert not any(e.type in ("REFUSAL", "COMPLIANCE") for e in events(text))


def test_the_portal_refers_back_to_the_site_named_before() -> None:
    text = (
        "Ранее в Казахстане был заблокирован развлекательный сайт coub.com. Руководство "
        "портала не выполнило требования казахстанской стороны."
    )
    assert only(text, "REFUSAL").actor == "coub.com"


def test_a_deadline_given_as_a_noun_is_a_demand() -> None:
    text = "Роскомнадзор сообщил, что у Google есть сутки на удаление запрещенного контента."
    ev = only(text, "DEMAND")
    assert (ev.actor, ev.target) == ("Roskomnadzor", "Google")
    text = "Роскомнадзор сообщил, что у Google есть сутки на подготовку ответа."
    assert not any(e.type == "DEMAND" for e in events(text))


def test_a_demand_sent_or_to_be_prescribed() -> None:
    text = (
        "Требование удалить ролик ведомство отправляло в YouTube уже трижды, сообщил "
        "Роскомнадзор."
    )
    assert only(text, "DEMAND").target == "YouTube"
    text = "Роскомнадзор предпишет Twitter локализовать базы данных в течение года."
    ev = only(text, "DEMAND")
    assert (ev.target, ev.status) == ("Twitter", "announced")


def test_a_refusal_with_an_adverb_or_its_object_first() -> None:
    text = "Роскомнадзор заявил, что Google не полностью выполняет требования об удалении ссылок."
    assert only(text, "REFUSAL").actor == "Google"
    text = (
        "Роскомнадзор заблокировал Telegram. Мессенджер такие сведения своевременно не "
        "предоставил."
    )
    assert only(text, "REFUSAL").actor == "Telegram"


def test_an_owner_named_in_passing_is_not_one_of_the_platforms_referred_to() -> None:
    text = (
        "Регулятор ограничил звонки в Telegram и WhatsApp (принадлежит Meta). В ведомстве "
        "отметили, что данные мессенджеры игнорировали требования."
    )
    found = {e.actor for e in events(text) if e.type == "REFUSAL"}
    assert found == {"Telegram", "WhatsApp"}


def test_removing_content_banned_in_the_country_answers_its_law() -> None:
    text = "Twitter начал удалять запрещенный в РФ контент."
    assert only(text, "COMPLIANCE").actor == "Twitter"
    text = "Twitter начал удалять запрещенный правилами сервиса контент."
    assert not any(e.type == "COMPLIANCE" for e in events(text))


def test_representatives_invited_to_a_chamber_or_to_be_summoned() -> None:
    text = "Представителей Google и Apple пригласили в Совфед на заседание комиссии."
    assert {e.target for e in events(text) if e.type == "SUMMONS"} == {"Google", "Apple"}
    text = "Журналистов пригласили на заседание клуба любителей Telegram."
    assert not any(e.type == "SUMMONS" for e in events(text))
    ev = only("Роскомнадзор вызовет представителей Telegram для составления протокола.", "SUMMONS")
    assert (ev.actor, ev.target, ev.status) == ("Roskomnadzor", "Telegram", "announced")


def test_a_demand_refused_with_an_adverb_between_is_still_stated() -> None:
    text = "Сервисы Twitch и Apple не выполнили своевременно требование Роскомнадзора."
    found = {(e.type, e.target) for e in events(text) if e.type == "DEMAND"}
    assert found == {("DEMAND", "Twitch"), ("DEMAND", "Apple")}


def test_a_fine_paid_with_the_fine_named_first() -> None:
    text = "Суд оштрафовал Facebook на 4 млн рублей. Facebook штраф оплатил."
    assert only(text, "COMPLIANCE").actor == "Facebook"
    text = "Суд оштрафовал Facebook на 4 млн рублей. Facebook штраф не оплатил."
    assert not any(e.type == "COMPLIANCE" for e in events(text))


def test_a_platform_called_the_venue_of_fakes_in_a_quote_with_a_dash() -> None:
    text = (
        "Видеохостинг YouTube удалил канал телекомпании. «Видеохостинг стал площадкой для "
        "распространения фейков», — говорится в заявлении Роскомнадзора."
    )
    ev = only(text, "ACCUSATION")
    assert (ev.actor, ev.target) == ("Roskomnadzor", "YouTube")
    text = "Новая площадка для распространения новостей открылась в Москве, сообщил Роскомнадзор."
    assert not any(e.type == "ACCUSATION" for e in events(text))


def test_letters_sent_to_a_platform_with_a_request_are_a_demand() -> None:
    text = (
        "В Казахстане выявлены нарушения. По данным Министерства культуры и информации, "
        "направлено 222 письма в Telegram с просьбой об удалении контента."
    )
    ev = only(text, "DEMAND")
    assert ev.actor == "Ministry of Culture and Information of Kazakhstan"
    assert ev.target == "Telegram"
    text = "Направлено 222 письма в Telegram с благодарностью от читателей."
    assert not any(e.type == "DEMAND" for e in events(text))


def test_an_answer_awaited_to_a_demand_states_the_demand() -> None:
    text = (
        "Роскомнадзор ожидает ответа от Facebook и Twitter в связи с требованием о "
        "локализации данных."
    )
    assert {e.target for e in events(text) if e.type == "DEMAND"} == {"Facebook", "Twitter"}
    text = "Роскомнадзор ожидает ответа от Facebook на вопросы журналистов."
    assert not any(e.type == "DEMAND" for e in events(text))


def test_companies_as_the_plural_subject_after_chtoby() -> None:
    text = (
        "Россия обвинила компании Google и Apple во вмешательстве в выборы. Россия "
        "требует, чтобы компании удалили приложение."
    )
    assert {e.target for e in events(text) if e.type == "DEMAND"} == {"Google", "Apple"}


def test_a_refusal_named_as_the_offence_of_a_paid_fine_is_no_event() -> None:
    text = (
        "Google оплатил штраф в размере 500 тысяч рублей, выписанный Роскомнадзором за отказ "
        "удалить ссылки."
    )
    found = {e.type for e in events(text)}
    assert "COMPLIANCE" in found and "REFUSAL" not in found


def test_a_platform_blocking_a_state_bodys_channel_obeys_no_one() -> None:
    text = (
        "Роскомнадзор потребовал от YouTube удалить ролики. Видеохостинг YouTube заблокировал "
        "канал Госдумы."
    )
    assert not any(e.type == "COMPLIANCE" for e in events(text))
    text = "Роскомнадзор потребовал от YouTube удалить ролики. YouTube заблокировал ролики."
    assert only(text, "COMPLIANCE").actor == "YouTube"
# -- blocks: the access named after its participle, a fronted object ---------------------


def test_access_closed_names_what_follows() -> None:
    text = (
        "Власти Таджикистана заблокировали сайты критиков. В частности, заблокирован "
        'доступ на страницы РИА "Новости", BBC и Lenta.ru.'
    )
    found = {e.target for e in events(text) if e.type == "BLOCK"}
    assert found == {"RIA Novosti", "BBC", "Lenta.ru"}
    text = "Для посетителей закрыт доступ в здание суда."
    assert not any(e.type == "BLOCK" for e in events(text))


def test_a_fronted_object_of_a_planned_block() -> None:
    ev = only("Социальную сеть LinkedIn заблокируют в России на следующей неделе.", "BLOCK")
    assert (ev.target, ev.status) == ("LinkedIn", "announced")


def test_a_passive_block_is_the_act_of_the_state_named_as_its_place() -> None:
    text = (
        "Роскомнадзор заблокировал LinkedIn. Мессенджер Telegram был заблокирован в "
        "Казахстане в прошлом году."
    )
    found = {(e.actor, e.target) for e in events(text) if e.type == "BLOCK"}
    assert found == {("Roskomnadzor", "LinkedIn"), ("Kazakhstan", "Telegram")}


def test_a_portal_fallen_under_a_block() -> None:
    text = (
        "Роскомнадзор заблокировал сайты изданий. 1 марта под блокировку попал портал «Тайга.Инфо»."
    )
    found = {e.target for e in events(text) if e.type == "BLOCK"}
    assert "Тайга.Инфо" in found


def test_an_outlet_a_speaker_talks_to_is_not_what_the_resource_refers_to() -> None:
    text = (
        "«Мы ничего запрещенного не публиковали», — сказала корреспонденту «Медиазоны» "
        "главный редактор сайта. По ее словам, провайдеры уже заблокировали ресурс."
    )
    assert not any(e.type == "BLOCK" for e in events(text))


def test_a_platform_named_the_leading_spreader_of_fakes_by_the_next_sentences_source() -> None:
    text = "YouTube стал лидером по распространению фейков. Об этом сообщили в Роскомнадзоре."
    ev = only(text, "ACCUSATION")
    assert (ev.actor, ev.target) == ("Roskomnadzor", "YouTube")
    assert ev.evidence.endswith("Роскомнадзоре.")
    assert not events("Сайт стал лидером по числу посетителей. Об этом сообщили в Роскомнадзоре.")


def test_a_platforms_act_called_censorship_by_an_official_is_an_accusation() -> None:
    text = "МИД России назвал блокировку канала актом цензуры со стороны YouTube."
    said = only(text, "ACCUSATION")
    assert (said.actor, said.target) == ("Russian Foreign Ministry", "YouTube")
    text = "Захарова заявила, что YouTube осуществил акт прямой цензуры."
    assert only(text, "ACCUSATION").target == "YouTube"
    assert not events("Медиагруппа считает это цензурой со стороны Google.")


def test_platforms_said_by_a_deputy_to_give_a_venue_to_banned_calls_are_accused() -> None:
    text = (
        "Глава комиссии Василий Пискарев выступил на заседании. По словам депутата, Facebook "
        "предоставил площадки для рекламы по призыву к участию в запрещенных митингах."
    )
    ev = only(text, "ACCUSATION")
    assert (ev.actor, ev.target) == ("Vasily Piskarev", "Facebook")
    assert not events("Город предоставил площадку для ярмарки, сообщил депутат.")


def test_a_platform_called_a_tool_of_terrorists_or_a_venue_spreading_fakes_is_accused() -> None:
    text = "Песков заявил, что Telegram становится инструментом в руках террористов."
    tool = only(text, "ACCUSATION")
    assert (tool.actor, tool.target) == ("Dmitry Peskov", "Telegram")
    text = "«YouTube стал одной из площадок, распространяющих фейки», — уточнили в Роскомнадзоре."
    assert only(text, "ACCUSATION").target == "YouTube"
    assert not events("Новый инструмент для разработчиков Telegram представили в Москве.")


def test_sites_fallen_under_sanctions_are_blocked_and_banks_are_not() -> None:
    text = (
        "Совет безопасности утвердил новый список. Под санкции попали сайты «Пример ТВ», "
        "«Образец» и многие другие."
    )
    assert {"Пример ТВ", "Образец"} <= {e.target for e in events(text) if e.type == "BLOCK"}
    banks = (
        "Совет безопасности утвердил новый список. Под санкции попали банки «Пример» и "
        "«Образец»."
    )
    assert not any(e.type == "BLOCK" for e in events(banks))


def test_social_networks_found_in_a_sanctions_list_are_blocked() -> None:
    text = (
        "Президент ввел в действие решение совета. В санкционном списке оказались, в "
        "частности, соцсети «ВКонтакте» и «Одноклассники»."
    )
    found = {e.target for e in events(text) if e.type == "BLOCK"}
    assert {"VK", "Odnoklassniki"} <= found


def test_participle_then_a_count_of_sites_then_their_addresses() -> None:
    text = (
        "В настоящее время в Таджикистане заблокированы более 20 сайтов, в том числе "
        "primer.ru и obrazec.ru."
    )
    found = {e.target for e in events(text) if e.type == "BLOCK"}
    assert found == {"primer.ru", "obrazec.ru"}  # "в настоящее время" is no outlet


def test_block_participle_without_its_prefix() -> None:
    ev = only("В Армении блокирован доступ к сайту агентства «Восток».", "BLOCK")
    assert (ev.actor, ev.target) == ("Armenia", "Восток")


def test_blocking_access_to_named_networks() -> None:
    text = (
        "Президент подписал указ о санкциях, которые предполагают блокировку доступа к "
        "соцсетям «ВКонтакте» и «Одноклассники»."
    )
    found = {e.target for e in events(text) if e.type == "BLOCK"}
    assert {"VK", "Odnoklassniki"} <= found


def test_a_blog_and_a_media_holding_introduce_their_names() -> None:
    blog = only("Роскомнадзор распорядился заблокировать блог «Пример».", "BLOCK")
    assert blog.target == "Пример"
    text = "Под блокировку также попали сайты телеканала НТВ и медиахолдинга ВГТРК."
    assert "VGTRK" in {e.target for e in events(text) if e.type == "BLOCK"}


def test_a_channel_declared_extremist_in_the_passive_is_blocked_but_not_in_an_aside() -> None:
    text = (
        "В Беларуси обновлен список. Информационная продукция Telegram-канала «Пример» "
        "признана экстремистскими материалами."
    )
    assert "Пример" in {e.target for e in events(text) if e.type == "BLOCK"}
    aside = "Компания Пример (признана экстремистской и запрещена в России) получила штраф."
    assert not any(e.type == "BLOCK" for e in events(aside))


def test_the_body_whose_order_blocked_a_site_is_its_actor() -> None:
    text = (
        "В Таджикистане снова заблокирован Facebook. Сайт заблокирован по распоряжению "
        "Службы связи."
    )
    acts = {(e.actor, e.target) for e in events(text) if e.type == "BLOCK"}
    assert ("Communications Service of Tajikistan", "Facebook") in acts


def test_an_impersonal_plural_future_restriction_is_an_announced_block() -> None:
    ev = only("В России с 1 сентября ограничат доступ к сайту «Пример».", "BLOCK")
    assert (ev.target, ev.status) == ("Пример", "announced")


# -- demands, answers, slowdowns and summonses in further wordings ------------------------


def test_partial_restriction_of_calls_in_named_messengers_blocks_each() -> None:
    found = events(
        "Регулятор сообщил о частичных ограничениях на голосовые звонки в мессенджерах "
        "Telegram и WhatsApp."
    )
    assert sorted((e.type, e.target) for e in found) == [
        ("BLOCK", "Telegram"),
        ("BLOCK", "WhatsApp"),
    ]
    assert not events("Оператор в четверг ввел ограничения на звонки в роуминге.")


def test_measures_to_reduce_the_speed_of_a_service_throttle_it() -> None:
    ev = only("Роскомнадзор в среду принял меры по снижению скорости работы Twitter.", "THROTTLE")
    assert (ev.actor, ev.target, ev.date) == ("Roskomnadzor", "Twitter", "2021-09-15")
    assert not events("Снижение скорости интернета в среду связано с аварией у Ростелекома.")


def test_braking_a_service_is_throttling_and_braking_growth_is_not() -> None:
    ev = only("Роскомнадзор в четверг начал тормозить работу Telegram в России.", "THROTTLE")
    assert (ev.actor, ev.target) == ("Roskomnadzor", "Telegram")
    braked = events("Санкции против Telegram тормозят развитие рынка.")
    assert not [e for e in braked if e.type == "THROTTLE"]


def test_a_letter_with_its_addressee_before_the_demand() -> None:
    ev = only(
        "Роскомнадзор направил письмо в адрес руководства компании Twitter с требованием "
        "в кратчайшие сроки удалить публикации.",
        "DEMAND",
    )
    assert (ev.actor, ev.target) == ("Roskomnadzor", "Twitter")
    assert not events(
        "Роскомнадзор направил письмо в адрес руководства компании Twitter с благодарностью."
    )


def test_a_demand_sent_with_its_addressee_named() -> None:
    ev = only(
        "В понедельник Роскомнадзор прислал в редакцию «Медиазоны» требование удалить новость.",
        "DEMAND",
    )
    assert (ev.actor, ev.target, ev.date) == ("Roskomnadzor", "Mediazona", "2021-09-13")
    assert not events("Министерство прислало в редакцию «Медиазоны» приглашение на брифинг.")


def test_a_notice_or_a_like_letter_sent_in_the_passive_is_a_demand() -> None:
    ev = only(
        "Издание «Медуза» опубликовало статью. Соответствующее уведомление было направлено "
        "в редакцию издания.",
        "DEMAND",
    )
    assert ev.target == "Meduza"
    found = events(
        "Роскомнадзор потребовал от Twitter удалить посты. Аналогичное письмо было "
        "направлено в адрес Facebook."
    )
    assert sorted(e.target for e in found if e.type == "DEMAND") == ["Facebook", "Twitter"]


def test_a_court_ordering_removal_and_the_platform_carrying_out_its_ruling() -> None:
    found = events(
        "Компания «Яндекс» выполнила определения Мосгорсуда, который постановил удалить "
        "с сайта yandex.ru ссылки на сериалы."
    )
    assert ("COMPLIANCE", "Yandex", "Moscow City Court") in [
        (e.type, e.actor, e.target) for e in found
    ]
    assert not events("Суд постановил взыскать с Яндекса судебные расходы в пользу истца.")


def test_material_a_state_asked_removed_that_stays_up_is_a_refusal() -> None:
    ev = only(
        "По данным Роскомнадзора, неудаленными остаются 900 материалов в Facebook, "
        "хотя ведомство направило 5 000 уведомлений.",
        "REFUSAL",
    )
    assert ev.actor == "Facebook"


def test_representatives_of_the_companies_named_before_are_summoned() -> None:
    found = events(
        "Депутаты изучат данные о вмешательстве в выборы со стороны компаний Google и Facebook. "
        "Комиссия намерена пригласить представителей компаний на заседание."
    )
    assert sorted((e.type, e.target) for e in found if e.type == "SUMMONS") == [
        ("SUMMONS", "Facebook"),
        ("SUMMONS", "Google"),
    ]


def test_a_protocol_to_be_drawn_up_is_an_announced_legal_action() -> None:
    ev = only(
        "Роскомнадзор намерен составить административный протокол в отношении Google.",
        "LEGAL_ACTION",
    )
    assert (ev.actor, ev.target, ev.status) == ("Roskomnadzor", "Google", "announced")


def test_an_outlet_removing_details_or_a_channel_after_a_demand_complies() -> None:
    found = events(
        "Роскомнадзор потребовал от «Медиазоны» удалить новость. "
        "Издание удалило из текста новости дополнительные подробности."
    )
    assert ("COMPLIANCE", "Mediazona", "Roskomnadzor") in [
        (e.type, e.actor, e.target) for e in found
    ]
    assert not [e for e in events("Telegram удалил ошибку в приложении.") if e.type == "COMPLIANCE"]


def test_an_act_after_a_refusal_names_who_refused() -> None:
    doc = Document(
        id="t",
        text=(
            "Сайт КазТАГ оказался недоступен после отказа удалить статью по требованию"
            " Мининформации."
        ),
        published=date(2024, 5, 10),
        lang="ru",
    )
    assert "KazTAG" in {e.actor for e in extract(doc).events if e.type == "REFUSAL"}


def test_an_act_after_something_else_is_no_refusal() -> None:
    # Near miss: an act after a publication tells no refusal.
    doc = Document(
        id="t",
        text="Сайт КазТАГ оказался недоступен после публикации статьи о протестах.",
        published=date(2024, 5, 10),
        lang="ru",
    )
    assert "REFUSAL" not in {e.type for e in extract(doc).events}


def _fined(text: str) -> set[str | None]:
    doc = Document(id="t", text=text, published=date(2024, 5, 10), lang="ru")
    return {e.target for e in extract(doc).events if e.type == "FINE"}


def test_a_plural_pronoun_before_a_threatened_fine_leaves_out_the_excepted() -> None:
    text = (
        "Роскомнадзор потребовал от компаний локализовать данные. Twitch, Google и Apple не"
        " выполнили требование. Теперь им, кроме компании Google, грозит штраф."
    )
    assert _fined(text) == {"Twitch", "Apple"}


def test_a_name_left_out_is_no_target_of_its_own() -> None:
    # Near miss: the company named only to be excepted is not fined.
    text = "Роскомнадзор проверил мессенджеры. Всем, кроме компании Google, грозит штраф."
    assert "Google" not in _fined(text)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Служба государственной безопасности (СГБ) Азербайджана решила временно ограничить"
            " доступ к TikTok.",
            "State Security Service of Azerbaijan",
        ),
        ("Бакинский суд вынес решение заблокировать доступ к сайту Meydan TV.", "Baku City Court"),
    ],
)
def test_azerbaijani_bodies_named_in_russian_are_the_actors(text: str, actor: str) -> None:
    doc = Document(id="t", text=text, published=date(2024, 5, 10), lang="ru")
    assert {e.actor for e in extract(doc).events if e.type == "BLOCK"} == {actor}


def test_a_platform_written_in_lower_case_is_named() -> None:
    ev = only("Роскомнадзор объявил, что замедлит работу твиттера.", "THROTTLE")
    assert ev.target == "Twitter"


def test_access_forbidden_to_listed_networks_blocks_each() -> None:
    text = "В стране теперь запрещен доступ к соцсетям «ВКонтакте» и «Одноклассники»."
    assert {e.target for e in events(text) if e.type == "BLOCK"} == {"VK", "Odnoklassniki"}


def test_fines_imposed_on_listed_platforms_fine_each() -> None:
    text = "Штрафы налагались и на Telegram и Mail.ru."
    assert {e.target for e in events(text) if e.type == "FINE"} == {"Telegram", "Mail.ru"}


def test_protocols_on_platforms_drawn_up_open_cases() -> None:
    text = "Административные протоколы на Facebook и Twitter ведомство составило в феврале."
    found = {e.target for e in events(text) if e.type == "LEGAL_ACTION"}
    assert found == {"Facebook", "Twitter"}
    # Near miss: minutes taken at a meeting name no party.
    assert not events("Протокол на заседании вел секретарь Роскомнадзора.")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("На компанию Google (владелец YouTube) завели дело о взыскании штрафа.", "Google"),
        ("В отношении Google возбуждено административное дело.", "Google"),
        ("Против Telegram возбудили дело.", "Telegram"),
    ],
)
def test_an_act_with_no_subject_is_aimed_at_the_platform_a_phrase_before_it_names(
    text: str, target: str
) -> None:
    assert [(e.type, e.target) for e in events(text)] == [("LEGAL_ACTION", target)]


def test_a_platform_named_as_where_an_act_with_no_subject_happened_is_not_its_object() -> None:
    assert events("На YouTube заблокировали ролики Навального.") == []


def test_these_social_networks_stand_for_the_list_named_before() -> None:
    text = (
        "В реестр нарушителей включены Telegram, Facebook и YouTube."
        " Работа этих социальных сетей была ограничена."
    )
    assert sorted(e.target or "" for e in events(text) if e.type == "BLOCK") == [
        "Facebook",
        "Telegram",
        "YouTube",
    ]


def test_a_pronoun_right_before_a_verb_with_no_subject_is_its_object() -> None:
    text = (
        "Сообщение с требованиями Роскомнадзора получили сервисы NordVPN и IPVanish."
        " У них есть 30 дней, иначе их самих заблокируют."
    )
    blocks = sorted((e.target or "", e.status) for e in events(text) if e.type == "BLOCK")
    assert blocks == [("IPVanish", "announced"), ("NordVPN", "announced")]


def test_sums_listed_after_the_platforms_go_to_each_in_order() -> None:
    """"Twitter и Facebook – на 17 и 15 млн": each platform its own sum, in order; two fines
    told one after the other ("10 млн в ноябре и ещё 30 млн в декабре") go to each."""
    text = "Суд оштрафовал WhatsApp на 4 млн рублей, Twitter и Facebook – на 17 и 15 млн рублей."
    assert {(e.target, e.amount) for e in events(text) if e.type == "FINE"} == {
        ("WhatsApp", 4_000_000),
        ("Twitter", 17_000_000),
        ("Facebook", 15_000_000),
    }
    both = (
        "Twitter и Periscope оштрафовали на 10 млн рублей в ноябре и ещё на 30 млн рублей"
        " в декабре."
    )
    assert {(e.target, e.amount) for e in events(both) if e.type == "FINE"} == {
        (name, amount) for name in ("Twitter", "Periscope") for amount in (10_000_000, 30_000_000)
    }


def test_a_block_to_prepare_for_is_announced() -> None:
    def status(text: str) -> list[tuple[str, str]]:
        doc = Document(id="t", text=text, lang="ru")
        return [(e.type, e.status) for e in extract(doc).events]

    assert status("Роскомнадзор посоветовал готовиться к возможной блокировке WhatsApp.") == [
        ("BLOCK", "announced")
    ]
    assert status("Роскомнадзор заблокировал WhatsApp.") == [("BLOCK", "done")]


# -- wordings of a third harvest: parties told by formula, office, suit or register -------


def test_a_warning_to_the_editors_and_founder_names_the_outlet_after_them() -> None:
    ev = only(
        "Роскомнадзор вынес редакции и учредителю «Новой газеты» второе письменное "
        "предупреждение.",
        "WARNING",
    )
    assert ev.target == "Novaya Gazeta"


def test_a_platform_suing_the_regulator_refuses_its_demand() -> None:
    ev = only("Компания Google подала иск к Роскомнадзору.", "REFUSAL")
    assert ev.actor == "Google"
    assert not [e for e in events("Роскомнадзор подал иск к Telegram.") if e.type == "REFUSAL"]


def test_an_office_reported_to_the_regulator_is_compliance() -> None:
    ev = only("Компания Spotify уведомила Роскомнадзор об открытии офиса в России.", "COMPLIANCE")
    assert ev.actor == "Spotify"
    assert not events("Компания Spotify уведомила о своих планах по учреждению юрлица.")


def test_liability_under_an_administrative_article_is_a_fine_a_criminal_one_is_not() -> None:
    only("Суд привлек Twitch к ответственности по ч. 2 ст. 13.49 КоАП.", "FINE")
    assert not [
        e
        for e in events("Суд привлек администратора канала к ответственности по статье 280 УК.")
        if e.type == "FINE"
    ]


def test_restrictions_imposed_on_named_services_block_them_those_on_entry_do_not() -> None:
    found = [
        e.target
        for e in events("Власти ввели ограничения на TikTok и Skype.")
        if e.type == "BLOCK" and e.target is not None
    ]
    assert sorted(found) == ["Skype", "TikTok"]
    assert not events("Власти ввели ограничения на въезд в страну.")


def test_a_site_entered_in_the_register_of_sites_with_calls_is_blocked() -> None:
    ev = only(
        "Роскомнадзор внес сайт «Открытой России» в реестр интернет-ресурсов, которые "
        "содержат призывы к беспорядкам.",
        "BLOCK",
    )
    assert ev.target == "Open Russia"
