"""Offline language identification: py3langid's shipped model, its answer limited to the
languages clampdown reads and "other"."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from clampdown import langid
from clampdown.extract.language import SUPPORTED
from clampdown.ingest import read_documents
from clampdown.langid import OTHER, candidates, detect_language
from clampdown.model import Document


def _expected(lang: str) -> str:
    return lang if lang in SUPPORTED else OTHER


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
        ("Bilgi Teknolojileri ve İletişim Kurumu, mahkeme kararının ardından platforma "
         "erişimi engelledi ve şirkete para cezası verdi.", "tr"),
        ("A Agência Nacional de Telecomunicações determinou que as operadoras bloqueassem "
         "o acesso ao aplicativo em todo o país.", "pt"),
        ("Le régulateur a infligé une amende à Telegram pour ne pas avoir supprimé des "
         "contenus interdits dans le pays, selon un communiqué.", "fr"),
        ("El regulador multó a Telegram por no eliminar contenidos prohibidos en el país, "
         "según un comunicado de la agencia.", "es"),
        ("Urząd nałożył na Telegram karę, ponieważ nie usunął treści, które są zakazane "
         "w kraju, i nie odpowiedział na wezwanie.", "pl"),
        ("Szeretem, hogy a közelgő téli hónapokat a család körében tölthetem.", "hu"),
        ("俄罗斯监管机构周五对电报处以罚款。", "zh"),
        ("ロシアの規制当局は金曜日、テレグラムに罰金を科した。", "ja"),
        ("فرضت الهيئة غرامة على تيليغرام يوم الجمعة", "ar"),
    ],
)
def test_languages(text: str, lang: str) -> None:
    assert detect_language(text) == _expected(lang)


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Роскомнадзор оштрафовал Google", "ru"),
        ("The regulator fined Google", "en"),
        ("Russia blocks Twitter over protests", "en"),
        ("Türkiye Twitter erişimini engelledi", "tr"),
        ("STF bloqueia o Telegram", "pt"),
        ("Bundesamt verhängt Bußgeld gegen Telegram", "de"),
    ],
)
def test_a_short_headline_in_a_supported_language(text: str, lang: str) -> None:
    """Headlines are short; a language clampdown reads is the likelier reading."""
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text", ["", "12345 --- !!!", "Telegram", "Telegram Roskomnadzor", "Twitter blocked"]
)
def test_unsure_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_answers_are_the_supported_languages_or_other() -> None:
    assert set(candidates()) == {*SUPPORTED, OTHER}


def test_a_russian_text_quoting_ukrainian_names_is_russian() -> None:
    text = ("Суд в Киеве рассмотрел иск против Telegram, сообщила пресс-служба «Київстар», "
            "а также представители компании, которые были на заседании.")
    assert detect_language(text) == "ru"


def test_real_news_pages(news_page_texts: list[tuple[str, str, str | None]]) -> None:
    """Real pages in about twenty languages: detection agrees with the language a page
    declares (mapped to the candidates) on nearly all of them, and where it disagrees the
    declaration is the one that is wrong (a German article in an English template, Xhosa
    and Swahili pages declared English)."""
    assert len(news_page_texts) >= 200
    declared = agree = 0
    wrong: list[tuple[str, str, str | None]] = []
    seen: set[str] = set()
    for name, text, lang in news_page_texts:
        found = detect_language(text)
        assert found is not None, name  # a whole article always says
        seen.add(found)
        if lang:
            declared += 1
            if found == _expected(lang):
                agree += 1
            else:
                wrong.append((name, lang, found))
    assert declared >= 150
    assert agree / declared >= 0.96, wrong
    # The pages are in English, German, Turkish, Portuguese and a dozen languages without
    # a folder: detection picks each language clampdown reads.
    assert {"en", "de", "tr", "pt", OTHER} & set(candidates()) <= seen


def _texts() -> list[str]:
    """Texts in several scripts, a mixed one, and random characters of many blocks."""
    rnd = random.Random(7)
    written = [
        "Roskomnadzor fined Telegram 3 million rubles on Friday.",
        "Роскомнадзор в пятницу оштрафовал мессенджер Telegram.",
        "Die Bundesnetzagentur hat gegen den Messenger ein Bußgeld verhängt.",
        "Bilgi Teknolojileri ve İletişim Kurumu erişimi engelledi. 俄罗斯监管机构 فرضت",
        "x",
    ]
    noise = [
        "".join(chr(rnd.randrange(32, 0x3000)) for _ in range(rnd.randrange(1, 400)))
        for _ in range(200)
    ]
    return written + noise


def test_the_vectorised_walk_visits_what_the_byte_by_byte_walk_visits() -> None:
    ident = langid._identifier()
    for text in _texts():
        data = text.encode("utf-8", "surrogatepass")
        found = visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output, data)
        # the same features, counts and first-visit order (the scores sum in that order)
        visits = ident._visits(data)
        mine = list(zip(*(a.tolist() for a in visits), strict=True)) if visits else []
        assert mine == [(f, float(c)) for f, c in (found or {}).items()], text


def test_scores_are_py3langids_own(
    monkeypatch: pytest.MonkeyPatch, news_page_texts: list[tuple[str, str, str | None]]
) -> None:
    """Every probability is the float py3langid's own identifier gives with its shipped
    model (float16 weights, which `langid` casts to float32 once), on noise and on the
    samples the real pages are read by."""
    ident = langid._identifier()
    assert ident.nb_ptc.dtype == np.float32
    plain = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert plain.nb_ptc.dtype == np.float16  # what the model ships
    pages = [text for _, text, _ in news_page_texts]
    texts = _texts() + [t[: langid.SAMPLE_CHARS] for t in pages]
    texts += [t[: langid.QUICK_CHARS] for t in pages]
    assert [ident.rank(t) for t in texts] == [plain.rank(t) for t in texts]
    # A walk that fails its check (too short a window) falls back to the byte-by-byte one.
    monkeypatch.setattr(langid, "_WINDOW", 1)
    assert [ident.rank(t) for t in texts] == [plain.rank(t) for t in texts]


@pytest.mark.slow  # every real page read both ways
def test_the_quick_look_answers_as_the_full_sample(
    shared: Path, news_pages: list[Document], web_pages: list[Document]
) -> None:
    """The fast reader's first look at a text's head (`quick`) gives the full sample's
    answer on every text of the shared data long enough to differ: the real pages as
    either reader reads them, the seed and the dev set."""
    texts = [d.text for d in (*news_pages, *web_pages)]
    for where in ("news-pages", "web-pages"):
        items = read_documents([str(shared / "data" / where / "pages")], reader="fast")
        texts += [d.text for d in items if isinstance(d, Document)]
    for name in ("seed-docs.jsonl", "devset/docs.jsonl"):
        lines = (shared / "data" / name).read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    long = [t for t in texts if len(t) > langid.QUICK_CHARS]
    assert len(long) >= 800
    assert [detect_language(t, quick=True) for t in long] == [detect_language(t) for t in long]


def _walked(sample: str) -> str | None:
    """The answer as a walk down `rank(sample)` gives it, language by language."""
    if len(langid._LETTER.findall(sample)) < langid.MIN_LETTERS:
        return None
    scores: dict[str, float] = {}
    other_p = 0.0
    for lang, p in langid._identifier().rank(sample):
        if lang == "zxx":
            continue
        key = lang if lang in SUPPORTED else OTHER
        if key == OTHER:
            other_p = max(other_p, p)
        scores[key] = max(scores.get(key, 0.0), p * (langid.PRIOR if key != OTHER else 1.0))
    total = sum(scores.values())
    if not total:
        return None
    best = max(scores, key=scores.__getitem__)
    if scores[best] / total < langid.MIN_CONFIDENCE or (
        best == OTHER and other_p < langid.MIN_OTHER
    ):
        return None
    return best


def test_the_verdict_is_the_walk_down_the_ranking(
    news_page_texts: list[tuple[str, str, str | None]],
) -> None:
    """The supported languages and the best other one are weighed straight from the
    scores, in the order `rank` lists them: every answer is the walk's."""
    texts = _texts() + [text for _, text, _ in news_page_texts]
    samples = [t[:n] for t in texts for n in (langid.SAMPLE_CHARS, langid.QUICK_CHARS, 80)]
    assert [langid._verdict(s)[0] for s in samples] == [_walked(s) for s in samples]
