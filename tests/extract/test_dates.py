"""Date expressions are found with exact offsets and resolved against the publication date.

Most cases use one publication date, Saturday 5 March 2022, so the relative forms can be
checked by hand: "late on Friday" is 4 March, "a week ago" 26 February, and "last
weekend" the Saturday before publication, 26 February (a weekend has no single day; the
Saturday is the documented choice).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from re import _parser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clampdown.extract.dates import _lexicon_for, find_dates

SAT = dt.date(2022, 3, 5)  # a Saturday
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def values(text: str, published: dt.date | None = SAT, lang: str | None = None) -> list:
    return [m.value for m in find_dates(text, published, lang)]


def spans(text: str, published: dt.date | None = SAT) -> list[tuple[str, str | None]]:
    return [(m.text, m.value) for m in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The court ruled on 14 September 2021.", "2021-09-14"),
        ("The court ruled on September 14, 2021.", "2021-09-14"),
        ("The court ruled on the 14th of September 2021.", "2021-09-14"),
        ("The court ruled on 14.09.2021.", "2021-09-14"),
        ("The court ruled on 2021-09-14.", "2021-09-14"),
        ("The order was issued in December 2020.", "2020-12"),
        ("The site was blocked in 2016.", "2016"),
        ("The service has been banned since 2009.", "2009"),
        ("It was blocked by the end of 2021.", "2021"),
        ("The watchdog acted in mid-September 2020.", "2020-09"),
    ],
)
def test_absolute_dates_in_english(text: str, expected: str) -> None:
    assert values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # No year: the publication year, unless that puts the date > 2 months ahead.
        ("The regulator acted on Sept. 14.", "2021-09-14"),
        ("The regulator acted on February 24.", "2022-02-24"),
        ("The regulator acted in late September.", "2021-09"),
        ("The regulator acted in July.", "2021-07"),
        ("The cut would take effect in April.", "2022-04"),
        ("The app was removed last August.", "2021-08"),
        # "since" never points ahead of publication; "until" may lie further ahead.
        ("Access has been limited since March.", "2022-03"),
        ("Access has been limited since April.", "2021-04"),
        ("The limits stay until May 15.", "2022-05-15"),
    ],
)
def test_dates_without_a_year_take_the_publication_year(text: str, expected: str) -> None:
    assert values(text) == [expected]


def test_dates_listed_together_share_the_year_written_at_the_end() -> None:
    assert values("blocked in March and November 2012") == ["2012-03", "2012-11"]
    assert values("в марте и ноябре 2012 года", lang="ru") == ["2012-03", "2012-11"]
    assert values("in March 2020 and May 2021") == ["2020-03", "2021-05"]
    assert values("in March; a law of 2012")[1] == "2012"
    assert values("in March; a law of 2012")[0] != "2012-03"


def test_a_stated_year_wins_over_the_publication_year() -> None:
    assert values("It happened on 13 April 2018.", dt.date(2022, 3, 5)) == ["2018-04-13"]
    assert values("It happened in December 2020.", dt.date(2022, 1, 1)) == ["2020-12"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regulator said today it would act.", "2022-03-05"),
        ("The regulator said yesterday it would act.", "2022-03-04"),
        ("The regulator said late on Friday it would act.", "2022-03-04"),
        ("The regulator said on Friday night it would act.", "2022-03-04"),
        ("The regulator said on Tuesday it would act.", "2022-03-01"),
        # Published on a Saturday, "on Saturday" is the publication day itself.
        ("The regulator said on Saturday it would act.", "2022-03-05"),
        # English "last Friday" read on a Saturday is the Friday of the week before.
        ("The regulator acted last Friday.", "2022-02-25"),
        ("The measures were announced a week ago.", "2022-02-26"),
        ("The service has been slower since last weekend.", "2022-02-26"),
        ("The service has been slower over the weekend.", "2022-02-26"),
        ("The regulator warned the company three days ago.", "2022-03-02"),
        ("The regulator warned the company two weeks ago.", "2022-02-19"),
        ("The regulator warned the company last week.", "2022-02"),
        ("The regulator warned the company last month.", "2022-02"),
        ("The regulator warned the company earlier this month.", "2022-03"),
        ("The regulator warned the company last year.", "2021"),
        ("The regulator warned the company earlier this year.", "2022"),
        ("Under Friday's ruling the app must be removed.", "2022-03-04"),
    ],
)
def test_relative_dates_in_english(text: str, expected: str) -> None:
    assert values(text) == [expected]


def test_last_weekday_read_on_a_monday_is_the_latest_one() -> None:
    monday = dt.date(2022, 3, 7)
    assert values("The regulator acted last Friday.", monday) == ["2022-03-04"]
    assert values("The regulator acted on Friday.", monday) == ["2022-03-04"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Суд вынес решение 14 сентября.", "2021-09-14"),
        ("Суд вынес решение 14 сентября 2021 года.", "2021-09-14"),
        ("Суд вынес решение в четверг.", "2022-03-03"),
        ("Суд вынес решение во вторник.", "2022-03-01"),
        ("Суд вынес решение 14.09.2021.", "2021-09-14"),
        ("Ведомство направило требование в прошлом месяце.", "2022-02"),
        ("Ведомство направило требование в декабре 2020 года.", "2020-12"),
        ("Ведомство направило требование в 2016 году.", "2016"),
        ("Ведомство направило требование вчера.", "2022-03-04"),
        ("Ведомство направило требование сегодня.", "2022-03-05"),
        ("Ведомство направило требование на прошлой неделе.", "2022-02"),
        ("Ведомство направило требование в начале марта.", "2022-03"),
        ("Ведомство направило требование в конце сентября.", "2021-09"),
        ("Ведомство направило требование в сентябре.", "2021-09"),
        ("Сентябрь 2019 года стал рекордным.", "2019-09"),
        ("Закон действует с 1 сентября 2015 года.", "2015-09-01"),
        ("Ведомство направило требование две недели назад.", "2022-02-19"),
        ("Ведомство направило требование в прошлом году.", "2021"),
        ("Блокировку начали в ночь на 14 марта.", "2022-03-14"),
    ],
)
def test_russian_dates(text: str, expected: str) -> None:
    assert values(text) == [expected]


def test_weekday_with_explicit_date_is_one_mention_and_the_date_wins() -> None:
    text = "В пятницу, 2 апреля, тот же суд вынес три решения."
    found = find_dates(text, dt.date(2021, 4, 6))
    assert [(m.text, m.value) for m in found] == [("В пятницу, 2 апреля", "2021-04-02")]
    found = find_dates("The court ruled on Friday, April 2, 2021.", dt.date(2021, 4, 6))
    assert [(m.text, m.value) for m in found] == [("on Friday, April 2, 2021", "2021-04-02")]
    # The date in brackets after the weekday: "on Friday (Apr 2)"
    found = find_dates("The office on Friday (Apr 2) told the site to act.", dt.date(2021, 4, 12))
    assert [m.value for m in found] == ["2021-04-02"]


def test_mentions_carry_their_cue_words_and_exact_offsets() -> None:
    text = "Russia's regulator said late on Friday it would act, as it did in December 2020."
    found = find_dates(text, SAT)
    assert [m.text for m in found] == ["late on Friday", "in December 2020"]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_leading_connectors_stay_out_of_the_mention() -> None:
    assert spans("between 2012 and 2016") == [("between 2012", "2012"), ("2016", "2016")]


def test_lists_and_ranges_give_one_mention_per_date() -> None:
    assert values("The fines were imposed on 26 and 27 April 2021.") == [
        "2021-04-26",
        "2021-04-27",
    ]
    assert values("The fines were imposed on April 26 and 27, 2021.") == [
        "2021-04-26",
        "2021-04-27",
    ]
    assert values("The messenger was blocked in 2017–2018.") == ["2017", "2018"]
    assert values("Блокировка действовала в 2016–2017 годах.") == ["2016", "2017"]


def test_slash_dates_take_the_reading_nearest_publication() -> None:
    assert values("Posted 02/08/2024.", dt.date(2024, 8, 2), "en") == ["2024-08-02"]
    assert values("Posted 02/08/2024.", None, "en") == ["2024-02-08"]
    assert values("Posted 02/08/2024.", None, "ru") == ["2024-08-02"]
    assert values("Posted 25/12/2021.", None, "en") == ["2021-12-25"]


def test_without_a_publication_date_only_stated_years_resolve() -> None:
    text = "On Friday it said the ban of 14 September and the one in 2016 stand."
    assert values(text, None) == [None, None, "2016"]


@pytest.mark.parametrize(
    "text",
    [
        "The government banned 59 apps over 26 cases.",
        "Google was fined $177 million.",
        "The agency received complaints in 2000 cases.",
        "The agency counted 2021 users and 2019 accounts.",
        "A fine of 2,000 euros or up to 6% of turnover applies.",
        "Штраф составил 7 221 916 235 рублей по статье 13.41.",
        "The ruling may take effect soon, and this may be appealed.",
        "RT, formerly Russia Today, was banned.",
        "Shops expect sales on Black Friday to rise.",
        "Регулятор заботится об окружающей среде.",
        "The 2016 law applies to all platforms.",
    ],
)
def test_counts_money_and_words_are_not_dates(text: str) -> None:
    assert find_dates(text, SAT) == []


def test_whole_document_in_order() -> None:
    text = (
        "Skip to content\n"
        "MOSCOW, March 5 — Russia's regulator said late on Friday it had blocked the site. "
        "The move escalates measures announced a week ago. The site was first fined in "
        "December 2020 and again on 13 April 2018, it said.\n"
        "Share this article"
    )
    found = find_dates(text, SAT, "en")
    assert [m.value for m in found] == [
        "2022-03-05",
        "2022-03-04",
        "2022-02-26",
        "2020-12",
        "2018-04-13",
    ]
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_relative_phrases_are_not_looked_for_at_common_cue_words() -> None:
    """Speed guard: anchoring on "the" or "в" would run the patterns at every such word."""
    lex = _lexicon_for(None)
    rel_anchors = {w for w, c in lex.classes.items() if "rel" in c}
    assert not rel_anchors & lex.prefix_words


FRAGMENTS = [
    "on Friday",
    "late on ",
    "14 ",
    "September",
    "Sept.",
    " 2021",
    "года",
    "в ",
    "сентября",
    "пятницу, 2 апреля",
    "last ",
    "week",
    "a week ago",
    "2017–18",
    "14.09.2021",
    "02/08/2024",
    "$",
    "%",
    "-",
    " and ",
    "mid-",
    "yesterday",
    "назад",
    "٣",
    "İ",
    "ſ",
]


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(),
        st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3))).map("".join),
    ),
    published=st.one_of(st.none(), st.dates()),
    lang=st.sampled_from([None, "en", "ru", "xx"]),
)
def test_never_raises_and_offsets_are_valid(
    text: str, published: dt.date | None, lang: str | None
) -> None:
    found = find_dates(text, published, lang)
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end
        last_end = m.end
        assert m.value is None or ISO.match(m.value)


def test_without_a_publication_date_a_month_takes_the_year_stated_before_it() -> None:
    text = "The fine was imposed on 27 June 2025. In April the Commission warned Meta."
    assert values(text, None) == ["2025-06-27", "2025-04"]
    # a year stated only after it may belong to another story; a relative phrase borrows none
    assert values("In April it warned Meta; in 2016 it fined Google.", None) == [None, "2016"]
    assert values("It fined Google in 2016. Last month it warned Meta.", None) == ["2016", None]


# dateparser's multilingual search was tried against these hand-written forms on news
# sentences and lost on each: it read the verb "may" and German "die" as dates, missed
# "в марте" and "3 Mart'ta", split "am 14. September 2021" in two, put "до 1 октября" in the
# past year and gave "last week" a day. It is not a dependency.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Roskomnadzor said it may slow down Twitter, as it did last week.",
         [("last week", "2021-09")]),
        ("en", "The company will appeal and may pay by May.", [("by May", "2021-05")]),
        ("ru", "Ведомство замедлило Twitter в марте.", [("в марте", "2021-03")]),
        ("ru", "Роскомнадзор потребовал удалить контент до 1 октября.",
         [("до 1 октября", "2021-10-01")]),
        ("tr", "Karar 3 Mart'ta yürürlüğe girdi.", [("3 Mart", "2021-03-03")]),
        ("tr", "2020 yılının Kasım ayında ceza verildi.", [("2020 yılının Kasım", "2020-11")]),
        ("de", "Das Bundesamt für Justiz verhängte am 14. September 2021 ein Bußgeld.",
         [("am 14. September 2021", "2021-09-14")]),
        ("de", "Die Behörde hat gestern Telegram verwarnt.", [("gestern", "2021-09-19")]),
        ("pt", "Na sexta-feira, Moraes ordenou o bloqueio do X.",
         [("Na sexta-feira", "2021-09-17")]),
    ],
)
def test_news_dates_dateparser_misread(
    lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    found = find_dates(text, dt.date(2021, 9, 20), lang)
    assert [(text[d.start : d.end], d.value) for d in found] == expected


def test_a_year_before_a_month_named_as_such_is_that_month() -> None:
    found = find_dates("2024 Ekim ayında getirilen erişim engeli", "2025-05-08", "tr")
    assert [(d.text, d.value) for d in found] == [("2024 Ekim", "2024-10")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ağustos ayında siteye erişim engellendi.", "2024-08"),
        ("Ağustos'ta siteye erişim engellendi.", "2024-08"),
        ("Mart’tan beri erişilemiyor.", "2024-03"),
    ],
)
def test_a_month_alone_marked_as_a_time_after_it(text: str, value: str) -> None:
    """A Turkish month says "in" after it, by a word or a case ending: the month before
    the publication."""
    found = find_dates(text, "2024-09-02", "tr")
    assert [d.value for d in found] == [value]


def test_a_month_alone_without_its_mark_is_no_date_in_turkish() -> None:
    assert find_dates("Ağustos böceği öttü.", "2024-09-02", "tr") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kurum ekim ayında şirkete ceza verdi.", "2024-10"),
        ("Kurum 3 ekim'de şirkete ceza verdi.", "2024-10-03"),
        ("Bakanlık mart sonunda siteye erişimi engelledi.", "2024-03"),
        ("Erişim sorunları pazar günü akşam saatlerinde başladı.", "2024-12-01"),
    ],
)
def test_a_lower_case_turkish_name_in_a_form_that_marks_a_date_is_one(
    text: str, value: str
) -> None:
    """News writes Turkish months and weekdays in lower case too; a day number, a month's
    word after it or a part of the day makes the name a date all the same."""
    assert [d.value for d in find_dates(text, "2024-12-02", "tr")] == [value]


@pytest.mark.parametrize(
    "text",
    ["Tarlada ekim zamanı geldi.", "Şirketin pazar gücü arttı.", "İki aralık arasında durdu."],
)
def test_a_lower_case_turkish_name_alone_is_an_ordinary_word(text: str) -> None:
    assert find_dates(text, "2024-09-02", "tr") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kurum 2020'de şirkete ceza verdi.", "2020"),
        ("Site 2019’dan beri erişime kapalı.", "2019"),
        ("Kurum 2022’nin ekim ayında şirkete ceza verdi.", "2022-10"),
    ],
)
def test_a_turkish_year_with_its_case_ending_is_a_date(text: str, value: str) -> None:
    assert [d.value for d in find_dates(text, "2024-09-02", "tr")] == [value]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("in April last year", "en", "2020-04"),
        ("on May 3 last year", "en", "2020-05-03"),
        ("в декабре прошлого года", "ru", "2020-12"),
        ("em abril do ano passado", "pt", "2020-04"),
        ("im April letzten Jahres", "de", "2020-04"),
    ],
)
def test_a_month_next_to_a_year_told_from_the_report_is_of_that_year(
    text: str, lang: str, value: str
) -> None:
    found = find_dates(text, dt.date(2021, 6, 2), lang)
    assert [d.value for d in found] == [value]


def test_a_month_listed_beside_last_year_keeps_its_own_year() -> None:
    found = find_dates("in April and last year", dt.date(2021, 6, 2), "en")
    assert [d.value for d in found] == ["2021-04", "2020"]


def test_nakanune_alone_is_the_day_before_the_report() -> None:
    pub = dt.date(2021, 6, 2)
    assert [d.value for d in find_dates("Накануне в Роскомнадзоре заявили", pub, "ru")] == [
        "2021-06-01"
    ]
    assert find_dates("накануне выборов Роскомнадзор", pub, "ru") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("O Cade abriu, nesta segunda-feira, 3, um inquérito", "2024-12-03"),
        ("O ministro decidiu nesta sexta-feira (29) manter o bloqueio", "2024-11-29"),
        ("A audiência será na próxima segunda-feira (9)", "2024-12-09"),
        # "desta" marks this week's weekday as "nesta" does
        ("O ministro multou a rede em decisão desta terça-feira (3)", "2024-12-03"),
        # the day and month in figures after the weekday ("(2/12)")
        ("A agência informou, nesta segunda-feira (2/12), ter aberto um processo", "2024-12-02"),
        ("O Cade condenou, na quarta-feira (27/11), a empresa", "2024-11-27"),
    ],
)
def test_a_weekday_with_its_day_of_the_month_is_that_day(text: str, value: str) -> None:
    assert [d.value for d in find_dates(text, dt.date(2024, 12, 4), "pt")] == [value]


def test_a_weekday_day_number_is_read_inside_the_month_of_publication() -> None:
    """Only "2024-12" known: the weekday counts from 31 December, its day number lies in
    December all the same."""
    text = "O Cade abriu, nesta segunda-feira, 3, um inquérito"
    found = find_dates(text, dt.date(2024, 12, 31), "pt", month="2024-12")
    assert [d.value for d in found] == ["2024-12-03"]
    found = find_dates(text, dt.date(2025, 2, 28), "pt", month="2025-02")
    assert [d.value for d in found] == ["2025-02-03"]


def test_a_document_dated_by_month_dates_a_weekday_with_its_day_inside_that_month() -> None:
    from clampdown.extract.pipeline import extract
    from clampdown.model import Document

    text = "A Justiça bloqueou o X nesta segunda-feira, 3, após o descumprimento de ordens."
    doc = Document(id="x", text=text, lang="pt", published_period="2024-12")
    assert [e.date for e in extract(doc).events] == ["2024-12-03"]


def test_a_number_after_a_weekday_and_a_comma_is_no_day_without_a_comma_after_it() -> None:
    found = find_dates("on Friday, 3 people were detained", dt.date(2024, 12, 4), "en")
    assert [(d.text, d.value) for d in found] == [("on Friday", "2024-11-29")]


def test_a_date_inside_an_appositive_relative_clause_dates_no_act() -> None:
    """", a deadline that expired last Thursday": the deadline's day, not the act's."""
    from clampdown.extract.pipeline import extract
    from clampdown.model import Document

    text = (
        "Brussels. In April the Commission levied a 200 million euro fine on Meta and a 500m "
        "fine on Apple and gave both companies 60 days to come into line with rules, a "
        "deadline that expired last Thursday. The Commission warned Meta on Friday, 27 June 2025."
    )
    doc = Document(id="d", text=text, lang="en")
    demands = [e for e in extract(doc).events if e.type == "DEMAND"]
    assert demands and all(e.date == "2025-04" for e in demands)


def test_the_page_date_line_before_the_story_is_not_the_news_date() -> None:
    """A date line above the headline is the page's day; the lede is dated by the story."""
    from clampdown.extract.pipeline import extract
    from clampdown.model import Document

    text = (
        "27 December 2021\n\nCourt fines Twitter\n\n"
        "A Moscow court fined Twitter 3 million roubles for failing to delete banned posts. "
        "The hearing took place on Friday, December 24, the court said.\n"
    )
    doc = Document(id="n", text=text, lang="en", published=dt.date(2021, 12, 27))
    fines = [e for e in extract(doc).events if e.type == "FINE"]
    assert [e.date for e in fines] == ["2021-12-24"]


def test_every_date_holds_what_may_hold_date_looks_for(shared: Path) -> None:
    """Reading skips working dates out for a stretch `may_hold_date` rejects: every date
    found must hold a digit or a word its search starts at, in any language's reading."""
    from clampdown.extract.dates import may_hold_date
    from clampdown.extract.language import SUPPORTED
    from clampdown.ingest import read_documents
    from clampdown.model import Document

    for code in (None, *SUPPORTED):
        for rx in _lexicon_for(code).cores.values():
            assert _parser.parse(rx.pattern, rx.flags).getwidth()[0] > 0  # no empty match
    paths = (shared / "data" / "seed-docs.jsonl", shared / "data" / "devset" / "docs.jsonl")
    texts = [d.text for p in paths for d in read_documents([str(p)]) if isinstance(d, Document)]
    texts += ["Am 3. März 2021, vor zwei Wochen; STRASSE 5 Mai", "26 and 27 April 2019-20"]
    for code in (None, *SUPPORTED):
        for text in texts:
            for pub in (SAT, None):
                for d in find_dates(text, pub, code):
                    assert may_hold_date(text, d.start, d.end, code), (code, d.text)
    assert not may_hold_date("It was blocked in the end.", 0, 26, "en")
    assert may_hold_date("It was blocked on Monday.", 0, 25, "en")


def test_the_day_a_lede_names_without_a_year_is_the_story_day() -> None:
    """With no publication date, a day the first sentence names without a year stands in
    for it where it comes after the last day the text dates in full."""
    from clampdown.extract.dates import lede_day
    from clampdown.extract.pipeline import extract
    from clampdown.model import Document

    stated = dt.date(2021, 3, 16)
    lede = "MOSCOW, 2 April. A Moscow court fined Twitter again. On 16 March 2021 it was warned."
    assert lede_day(lede, 0, stated, "en") == dt.date(2021, 4, 2)
    assert lede_day(lede, 0, None, "en") is None  # no year to read it in
    older = "On 2 March a court fined Twitter. On 16 March 2021 it was warned."
    assert lede_day(older, 0, stated, "en") is None  # before the stated day: background
    later = "A court fined Twitter. On 2 April it was fined again. On 16 March 2021 ..."
    assert lede_day(later, 0, stated, "en") is None  # not in the first sentence

    text = (
        "The regulator on Friday (Nov 29) instructed Facebook to correct a post published on"
        " Nov 23, 2019. On Thursday, the site's editor was ordered to correct another post."
    )
    found = extract(Document(id="l", text=text, lang="en")).events
    assert sorted(e.date or "" for e in found) == ["2019-11-28", "2019-11-29"]


def test_a_date_weeks_before_the_report_is_background_not_the_news_date() -> None:
    """The lede is news of the last days: a date three weeks older, told further on, is
    background and does not date it."""
    from clampdown.extract.pipeline import extract
    from clampdown.model import Document

    text = (
        "A Moscow court fined Twitter three times for failing to delete banned content.\n\n"
        "The regulator's protocols reached the court on 10 March."
    )
    doc = Document(id="w", text=text, lang="en", published=dt.date(2021, 4, 2))
    fines = [e for e in extract(doc).events if e.type == "FINE"]
    assert fines and {e.date for e in fines} == {"2021-04-02"}


def test_a_weekday_with_its_day_and_month_in_figures_takes_the_nearest_year() -> None:
    """Only "2025-02" known: "(4/11)" is the 4 November before it, not one to come."""
    found = find_dates("A agência informou, nesta segunda-feira (4/11), ter aberto um processo",
                       dt.date(2025, 2, 28), "pt", month="2025-02")
    assert [d.value for d in found] == ["2024-11-04"]


def test_turkish_from_today_is_today() -> None:
    found = find_dates("Kurum bugünden itibaren erişimi kısıtladı.", "2026-02-10", "tr")
    assert [d.value for d in found] == ["2026-02-10"]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        # a weekday next to a day and month names that day, not one counted back
        ("2 Ağustos Cuma günü", "tr", "2024-08-02"),
        ("29 Temmuz Pazartesi günü", "tr", "2024-07-29"),
        ("am Freitag, dem 2. August", "de", "2024-08-02"),
        ("on Friday, August 2", "en", "2024-08-02"),
    ],
)
def test_a_weekday_beside_its_date_is_one_mention(text: str, lang: str, value: str) -> None:
    found = find_dates(text, dt.date(2024, 8, 9), lang)
    assert [d.value for d in found] == [value]


def test_a_weekday_alone_is_still_counted_back_from_the_report() -> None:
    assert [d.value for d in find_dates("Cuma günü", dt.date(2024, 8, 9), "tr")] == ["2024-08-09"]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # the day number a weekday carries picks the date that falls on that weekday,
        # though the weekday alone ("last Saturday") would be a later one
        ("no último sábado (31)", dt.date(2024, 9, 18), "2024-08-31"),
        ("nesta segunda-feira (16)", dt.date(2024, 9, 18), "2024-09-16"),
        ("nesta sexta-feira (30)", dt.date(2024, 9, 1), "2024-08-30"),
    ],
)
def test_a_weekday_with_its_day_number(text: str, published: dt.date, value: str) -> None:
    assert [d.value for d in find_dates(text, published, "pt")] == [value]


@pytest.mark.parametrize(
    ("lang", "text", "published", "value"),
    [
        # phrases looked for at the words their entries name (`found_at`), found as before
        ("pt", "durante a semana passada", SAT, "2022-02"),
        ("pt", "em o mês passado", SAT, "2022-02"),
        ("pt", "há dois meses", SAT, "2022-01"),
        ("de", "in der vergangenen Woche", SAT, "2022-02"),
        ("de", "des Vorjahres", SAT, "2021"),
        ("de", "vor 3 Tagen", SAT, "2022-03-02"),
        ("ru", "накануне", SAT, "2022-03-04"),
        ("ru", "на прошлой неделе", SAT, "2022-02"),
        ("ru", "в этом году", SAT, "2022"),
        ("ru", "несколько дней назад", SAT, "2022-03"),
        ("en", "over the weekend", SAT, "2022-02-26"),
        ("en", "the day before yesterday", SAT, "2022-03-03"),
        ("en", "a couple of years ago", SAT, "2020"),
    ],
)
def test_relative_phrases_found_at_the_words_their_entries_name(
    lang: str, text: str, published: dt.date, value: str
) -> None:
    assert [(d.text, d.value) for d in find_dates(text, published, lang)] == [(text, value)]


@pytest.mark.parametrize(
    ("lang", "cut"),
    [
        ("pt", {"a", "o", "m", "s", "es"}),
        ("de", {"der", "des", "en"}),
        # the letters of "\b", "\s", "\w" and the words of what may follow "накануне"; the
        # adjectives and counts before the noun or "назад" that every match holds
        ("ru", {"b", "s", "w", "было", "стало", "сообщил", "заявил", "утром", "течение"}),
        ("ru", {"этом", "этого", "этой", "прошлого", "день", "дня", "год", "лет", "несколько"}),
        # words before "ago", "yesterday", "weekend" that every match holds
        ("en", {"over", "day", "days", "weeks", "months", "years", "few", "several"}),
    ],
)
def test_relative_phrases_are_not_looked_for_at_their_short_words(
    lang: str, cut: set[str]
) -> None:
    """Speed guard: the articles and the letters of a pattern's syntax ("m[eê]s") are no
    places a phrase is looked for at, where the entry names its words (`found_at`)."""
    lex = _lexicon_for(lang)
    assert not {w for w, c in lex.classes.items() if "rel" in c} & cut


def _strings(nodes: Any) -> list[str]:
    """Every text a relative phrase's pattern matches, with one space for a run of spaces
    and a repeat taken at its fewest and, where bounded, its most (lookarounds are left out:
    they match no text). Enough for the finite patterns of `relative`."""
    out = [""]
    for op, arg in nodes:
        if op is _parser.LITERAL:
            options = [chr(arg)]
        elif op is _parser.IN:
            options = [chr(a) if o is _parser.LITERAL else " " for o, a in arg]
        elif op is _parser.CATEGORY:
            options = [" "]
        elif op is _parser.BRANCH:
            options = [s for branch in arg[1] for s in _strings(branch)]
        elif op is _parser.SUBPATTERN:
            options = _strings(arg[-1])
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT):
            low, high, sub = arg
            counts = {low, high} if high < 3 else {max(low, 1)}
            options = [s * n for n in sorted(counts) for s in _strings(sub)]
        elif op in (_parser.ASSERT, _parser.ASSERT_NOT, _parser.AT):
            continue
        else:
            raise AssertionError(op)
        out = [a + b for a in out for b in options]
    return out


# Known misses: a number written as a word before a form the pattern spells with an optional
# ending ("um dia atrás", "vor zwei Jahren") is found neither at that form, which is no
# word read off the pattern ("dias?" gives "dias"), nor at a word after it.
_LOST = "a word number before a form spelled with an optional ending"


@pytest.mark.parametrize(
    "lang",
    [
        "en",
        "ru",
        "tr",
        pytest.param("pt", marks=pytest.mark.xfail(strict=True, reason=_LOST)),
        pytest.param("de", marks=pytest.mark.xfail(strict=True, reason=_LOST)),
    ],
)
def test_every_relative_phrase_is_found_whole(lang: str) -> None:
    """Each text a relative entry's pattern matches is found, whole, by the words the entry
    is looked for at (`found_at`, else its own words): a word list that left out one of its
    alternatives would lose it. Numbers are tried as digits and as every listed word."""
    from clampdown.languages import registry

    data = registry()[lang].read("dates.yaml")
    num = "(?:3|" + "|".join(re.escape(str(w)) for w in data["numbers"]) + ")"
    seen = 0
    for entry in data["relative"]:
        pattern = re.sub(r"\s+", " ", str(entry["pattern"])).replace("{num}", num)
        for text in _strings(_parser.parse(pattern, re.IGNORECASE)):
            text = " ".join(text.split())
            found = find_dates(text, SAT, lang)
            assert [d.text for d in found] == [text], (lang, text)
            seen += 1
    assert seen > 2 * len(data["relative"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Накануне Роскомнадзор заблокировал сайт.", ["2022-03-04"]),
        ("Накануне официальный представитель Кремля заявил о блокировке.", ["2022-03-04"]),
        ("Накануне Google заявил, что удалил ролики.", ["2022-03-04"]),
        ("Накануне выборов суд заблокировал сайт.", []),
        ("Накануне президентских выборов сайт заблокировали.", []),
    ],
)
def test_ru_nakanune_before_a_subject_is_the_day_before(text: str, expected: list) -> None:
    assert values(text, lang="ru") == expected
