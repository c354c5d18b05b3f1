"""Russian reporting through the whole pipeline: lists of outlets, demands told in the
passive, threatened fines, accusations of breaking principles.

Every sentence here is written for the test; none is taken from published reporting.
"""

from __future__ import annotations

from datetime import date

from clampdown.extract.pipeline import extract, gazetteer
from clampdown.model import Document, Event

PUBLISHED = date(2021, 9, 16)


def events(text: str, published: date | None = PUBLISHED) -> list[Event]:
    return extract(Document(id="t", text=text, published=published, lang="ru")).events


def only(text: str, etype: str, published: date | None = PUBLISHED) -> Event:
    found = [e for e in events(text, published) if e.type == etype]
    assert len(found) == 1, found
    return found[0]


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
    assert {"Mediazona", "Colta", "Вестник Севера"} <= targets


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
