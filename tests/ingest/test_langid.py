"""Offline language identification: script first, then each language's commonest words."""

from __future__ import annotations

import pytest

from clampdown.ingest.langid import detect_language


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Roskomnadzor fined Telegram 3 million rubles on Friday for failing to remove "
         "channels that the regulator said were banned in Russia.", "en"),
        ("Роскомнадзор в пятницу оштрафовал мессенджер Telegram на 3 млн рублей за отказ "
         "удалить запрещённые каналы.", "ru"),
        ("Роскомнадзор оштрафував месенджер Telegram, і компанія має десять днів, щоб "
         "оскаржити це рішення, повідомляє відомство.", "uk"),
        ("Die Bundesnetzagentur hat gegen den Messenger ein Bußgeld verhängt, weil er "
         "die Inhalte nicht gelöscht hat und sich nicht an die Regeln hält.", "de"),
        ("Le régulateur a infligé une amende à Telegram pour ne pas avoir supprimé des "
         "contenus interdits dans le pays, selon un communiqué.", "fr"),
        ("El regulador multó a Telegram por no eliminar contenidos prohibidos en el país, "
         "según un comunicado de la agencia.", "es"),
        ("Urząd nałożył na Telegram karę, ponieważ nie usunął treści, które są zakazane "
         "w kraju, i nie odpowiedział na wezwanie.", "pl"),
        ("俄罗斯监管机构周五对电报处以罚款。", "zh"),
        ("ロシアの規制当局は金曜日、テレグラムに罰金を科した。", "ja"),
        ("فرضت الهيئة غرامة على تيليغرام يوم الجمعة", "ar"),
    ],
)
def test_languages(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text",
    ["", "12345 --- !!!", "Telegram Roskomnadzor", "Szeretem, hogy a közelgő téli hónapokat"],
)
def test_unsure_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_a_russian_text_quoting_ukrainian_names_is_russian() -> None:
    text = ("Суд в Киеве рассмотрел иск против Telegram, сообщила пресс-служба «Київстар», "
            "а также представители компании, которые были на заседании.")
    assert detect_language(text) == "ru"
