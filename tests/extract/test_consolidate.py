"""One event per act: repeated reports of an act merge, distinct acts on one party do not."""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.extract.consolidate import merge_duplicates
from clampdown.extract.language import language_pack
from clampdown.extract.pipeline import extract
from clampdown.model import DateBasis, Document, Event

PUB = date(2022, 3, 5)


def acts(text: str, published: date | None = PUB, lang: str = "en") -> list[tuple]:
    doc = Document(id="t", text=text, published=published, lang=lang)
    return [(e.type, e.target, e.amount) for e in extract(doc).events]


def test_a_fine_told_twice_is_one_event() -> None:
    text = (
        "Italy's competition authority fined Apple 10 million euros over its battery claims. "
        "The authority said it fined Apple 10 million euros after a long inquiry."
    )
    assert acts(text) == [("FINE", "Apple", 10_000_000)]


def test_an_additional_fine_of_the_same_sum_is_another_act() -> None:
    text = (
        "Italy's competition authority fined Apple 10 million euros over its battery claims. "
        "The authority also fined Apple an additional 10 million euros over its waterproofing "
        "claims."
    )
    assert acts(text) == [("FINE", "Apple", 10_000_000)] * 2


def test_a_demand_told_in_addition_is_another_act() -> None:
    first = "Roskomnadzor demanded that Twitter delete the posts. "
    assert len(acts(first + "The ministry demanded that Twitter remove the accounts.")) == 1
    later = "In addition, the ministry demanded that Twitter remove the accounts."
    assert acts(first + later) == [("DEMAND", "Twitter", None)] * 2


def test_an_addition_to_something_else_marks_no_further_act() -> None:
    text = (
        "Roskomnadzor demanded that Twitter delete the posts. The ministry demanded that "
        "Twitter remove the accounts, in addition to the posts."
    )
    assert len(acts(text)) == 1


def test_russian_further_fine_is_another_act() -> None:
    first = "Суд оштрафовал Telegram на 2 млн рублей. "
    again = "Позднее суд оштрафовал Telegram еще на 2 млн рублей."
    told = "Как сообщили в суде, Telegram оштрафовали на 2 млн рублей."
    assert len(acts(first + again, lang="ru")) == 2
    assert len(acts(first + told, lang="ru")) == 1


def _fine(start: int, evidence: str, when: str | None) -> Event:
    basis = DateBasis("relative", start, when) if when else DateBasis("none")
    return Event(
        "FINE",
        "Roskomnadzor",
        "Telegram",
        "RU",
        evidence,
        start,
        start + len(evidence),
        target_id="telegram",
        actor_id="roskomnadzor",
        date_basis=basis,
    )


def test_merge_reads_the_later_sentence_for_a_further_act() -> None:
    cue = language_pack("en").another_act
    a = _fine(0, "Roskomnadzor fined Telegram in May.", "in May")
    c = _fine(40, "Roskomnadzor fined Telegram, the agency said.", None)
    assert len(merge_duplicates([a, c], cue)) == 1
    d = _fine(40, "Roskomnadzor fined Telegram again.", None)
    assert len(merge_duplicates([a, d], cue)) == 2
    assert len(merge_duplicates([a, d])) == 1  # no words given
    # the words tell a later sentence's act apart, not a second reading of the same one
    e = _fine(0, "Roskomnadzor fined Telegram again.", None)
    assert len(merge_duplicates([e, _fine(0, e.evidence, None)], cue)) == 1


@pytest.mark.parametrize(
    ("lang", "further", "same"),
    [
        ("en", "The watchdog fined Google again.", "It stays blocked until further notice."),
        ("en", "In addition, the ministry ordered X to pay.", "In addition to X, Meta was fined."),
        ("ru", "Суд оштрафовал Google еще на 3 млн рублей.", "Google все еще грозит штраф."),
        ("ru", "Ранее суд оштрафовал Google.", "Как сообщалось ранее, суд оштрафовал Google."),
        ("tr", "Ekşi Sözlük bir kez daha erişime engellendi.", "Ekşi Sözlük erişime engellendi."),
        ("pt", "O X foi multado novamente.", "Na segunda-feira, o X foi multado."),
        ("de", "Telegram wurde erneut gesperrt.", "Die zweite Woche begann."),
    ],
)
def test_each_pack_tells_a_further_act(lang: str, further: str, same: str) -> None:
    cue = language_pack(lang).another_act
    assert cue.search(further.lower())
    assert not cue.search(same.lower())


def _fines(text: str, lang: str) -> set[tuple[str | None, float | None]]:
    doc = Document(id="s", text=text, lang=lang, published=date(2025, 10, 1))
    return {(e.target, e.amount) for e in extract(doc).events if e.type == "FINE"}


def test_a_sentence_stating_a_fines_size_gives_it_to_the_platform_named_before() -> None:
    """The news first, then each platform's sum in its own paragraph: a sentence that only
    states a fine's size gives it to the fine of the platform the text named last."""
    text = (
        "Таганский суд Москвы оштрафовал компании Apple и TikTok.\n\n"
        "Компания Apple признана виновной по статье 13.41. Судом назначено наказание в виде "
        "штрафа в размере 3,5 миллиона рублей.\n\n"
        "TikTok также признан виновным. Размер штрафа – 7 миллионов рублей."
    )
    assert _fines(text, "ru") == {("Apple", 3_500_000), ("TikTok", 7_000_000)}
    plain = "Таганский суд Москвы оштрафовал компании Apple и TikTok.\n\nСуд рассмотрел 7 дел."
    assert _fines(plain, "ru") == {("Apple", None), ("TikTok", None)}  # no size told
    pt = "O Procon multou o Google e a Apple. A pena da Apple foi de R$ 7,7 milhões."
    assert ("Apple", 7_700_000) in _fines(pt, "pt")


def test_an_officials_act_and_the_bodys_report_of_it_are_one_act() -> None:
    # A judge acts for the court (`affiliation` in the knowledge base): the court's order
    # and the judge's order, told in two sentences, are one block.
    text = (
        "A Brazilian Supreme Court judge has ordered the shutdown of messaging app Telegram "
        "in the country. Judge Alexandre de Moraes ordered the app blocked immediately across "
        "the nation."
    )
    doc = Document(id="t", text=text, published=PUB, lang="en")
    assert [(e.type, e.target) for e in extract(doc).events] == [("BLOCK", "Telegram")]


def test_a_block_decided_and_put_in_place_days_later_is_one_act() -> None:
    text = (
        "Nepal's government decided on 6 November 2023 to ban TikTok. The government blocked"
        " TikTok on 13 November 2023."
    )

    def blocks(text: str) -> list[tuple]:
        doc = Document(id="t", text=text, published=date(2024, 1, 10), lang="en")
        return [(e.type, e.date) for e in extract(doc).events]

    assert blocks(text) == [("BLOCK", "2023-11-06")]
    # told as another block, or a month apart: two acts
    assert len(blocks(text.replace("blocked TikTok", "blocked TikTok again"))) == 2
    assert len(blocks(text.replace("13 November", "13 December"))) == 2


@pytest.mark.parametrize(
    "text",
    [
        "The Indonesian government has blocked access to Steam and PayPal after the companies"
        " missed a registration deadline. Steam and PayPal are among the services that have"
        " been blacklisted by the communication ministry, Kominfo.",
        "The government of Bangladesh has placed a temporary ban on the messaging service"
        " Viber. The Bangladesh Telecommunication Regulatory Commission (BTRC) has shut down"
        " Viber for the time being, citing orders from law enforcement agencies.",
    ],
)
def test_a_governments_act_and_its_bodys_report_of_it_are_one_act(text: str) -> None:
    # The government stands for its state: its block and the body's, told of one platform
    # with no date apart, are one act, named by the body that carried it out.
    doc = Document(id="t", text=text, published=PUB, lang="en")
    blocks = [(e.type, e.target, e.actor) for e in extract(doc).events if e.type == "BLOCK"]
    assert len({t for _, t, _ in blocks}) == len(blocks)
    states = ("Indonesian government", "Bangladeshi government")
    assert blocks and all(actor not in states for *_, actor in blocks)


def test_a_governments_act_and_another_states_are_two() -> None:
    text = (
        "The Indonesian government has blocked access to Steam. Malaysia's communications"
        " regulator has also blocked Steam."
    )
    doc = Document(id="t", text=text, published=PUB, lang="en")
    assert len([e for e in extract(doc).events if e.type == "BLOCK"]) == 2


def test_a_total_told_as_equal_fines_gives_each_fine_its_own_sum() -> None:
    """A fine told by its total and again as several equal fines ("в общей сложности на 5
    миллионов ... два штрафа по 2,5 миллиона") is read with one fine's sum; a total told
    alone, or beside another platform's sum, keeps it."""
    text = (
        "Мировой суд оштрафовал мессенджер Telegram в общей сложности на 5 миллионов рублей "
        "за отказ удалить информацию. Судья назначил Telegram два штрафа по 2,5 миллиона рублей."
    )
    assert _fines(text, "ru") == {("Telegram", 2_500_000)}
    each = (
        "Суд в Москве оштрафовал сервис Twitch на 4 млн рублей. По каждому из эпизодов был "
        "назначен штраф в 2 млн рублей."
    )
    assert _fines(each, "ru") == {("Twitch", 2_000_000)}
    en = (
        "Ofcom fined 4chan £40,000 in total. The regulator imposed two penalties of £20,000 each."
    )
    assert _fines(en, "en") == {("4chan", 20_000)}
    alone = (
        "Российский суд выписал три штрафа Twitter. Общая сумма штрафов составляет 8,9 млн "
        "рублей."
    )
    assert _fines(alone, "ru") == {("Twitter", 8_900_000)}
    other = (
        "The regulator fined Google $10 million. Meta and TikTok were fined $5 million each."
    )
    assert ("Google", 10_000_000) in _fines(other, "en")


def test_fines_adding_up_to_a_sum_give_it_to_the_fine_told_before() -> None:
    """A later sentence that only tells the fines' size ("ordering it to pay three fines
    adding up to 8.9 million rubles") gives it to the fine told before without one."""
    text = (
        "A Russian court fined Twitter on Friday for not removing posts.\n"
        "The watchdog had pressured the platform to remove the content.\n"
        "The court found Twitter guilty on three counts, ordering it to pay three fines "
        "adding up to 8.9 million rubles, or about $117,000."
    )
    assert _fines(text, "en") == {("Twitter", 8_900_000)}


def test_a_background_block_with_its_own_time_is_another_act_in_an_undated_story() -> None:
    text = (
        "Sri Lanka on Monday blocked Facebook and WhatsApp after the attacks. During the riots"
        " in March last year, Sri Lanka had blocked Facebook and WhatsApp for three days."
    )
    found = acts(text, published=None)
    assert found.count(("BLOCK", "Facebook", None)) == 2


def test_a_block_retold_on_the_same_day_is_one_act_in_an_undated_story() -> None:
    text = (
        "Sri Lanka on Monday blocked Facebook after the attacks. The government said on Monday"
        " that it had blocked Facebook to stop the spread of rumours."
    )
    assert acts(text, published=None).count(("BLOCK", "Facebook", None)) == 1
