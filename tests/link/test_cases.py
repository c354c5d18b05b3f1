"""Which reports are one act, and what a case says when its sources disagree."""

from __future__ import annotations

from datetime import date
from typing import Any

from clampdown.link.cases import (
    CaseState,
    Report,
    best_case,
    match_score,
    reconcile,
    relation,
    subject_and_party,
)

_N = iter(range(1, 10_000))


def report(**kw: Any) -> Report:
    n = next(_N)
    base: dict[str, Any] = {
        "event_id": n, "doc_id": n, "type": "FINE", "subject": "google",
        "party": "ru.tagansky_court", "country": "RU", "status": "done",
        "date": "2021-07-29", "published": date(2021, 7, 29), "amount": 3_000_000.0,
        "currency": "RUB", "eur": 34_000.0, "source": f"story:{n}", "tiebreak": f"{n:04d}",
    }
    base.update(kw)
    return Report(**base)


def case_of(r: Report, case_id: int = 1) -> CaseState:
    return CaseState.from_report(case_id, r)


def test_parties() -> None:
    assert relation("ru.roskomnadzor", None) == "unknown"
    assert relation("ru.andrey_lipov", "ru.roskomnadzor") == "related"  # official and body
    assert relation("ru.moscow_court", "ru.tagansky_court") == "related"  # vague and specific
    assert relation("country.ru", "ru.sergey_lavrov") == "related"  # the state and its organ
    assert relation("ru.roskomnadzor", "ru.mintsifry") == "differs"
    assert relation("ru.roskomnadzor", "tr.btk") == "incompatible"
    assert subject_and_party("REFUSAL", "twitter", "ru.roskomnadzor") == (
        "twitter", "ru.roskomnadzor"
    )
    assert subject_and_party("FINE", "ru.roskomnadzor", "twitter") == (
        "twitter", "ru.roskomnadzor"
    )


def test_what_links_and_what_does_not() -> None:
    case = case_of(report())
    assert match_score(report(party="ru.moscow_court"), case) is not None
    assert match_score(report(date="2021-08-02"), case) is not None  # within the window
    assert match_score(report(date="2021-09-20"), case) is None  # weeks apart: another act
    assert match_score(report(amount=8_000_000.0, eur=None), case) is not None  # disagreement
    assert match_score(report(amount=7.2e9, eur=None), case) is None  # another order of size
    assert match_score(report(subject="twitter"), case) is None
    assert match_score(report(type="BLOCK"), case) is None
    assert match_score(report(party="tr.btk", country="TR"), case) is None
    undated = report(date=None, published=None)
    assert match_score(undated, case) is not None
    # Euros and roubles compare through the reference rate.
    assert match_score(report(amount=34_500.0, currency="EUR", eur=34_500.0), case) is not None


def test_best_case_prefers_the_exact_amount_and_one_case_per_document() -> None:
    four = case_of(report(amount=4_000_000.0, eur=None), 1)
    three = case_of(report(amount=3_000_000.0, eur=None), 2)
    r = report(amount=3_000_000.0, eur=None)
    assert best_case(r, [four, three], set()) is three
    assert best_case(r, [four, three], {2}) is four  # its document already reports case 2
    assert best_case(report(subject=None), [four, three], set()) is None


def test_reconcile_votes_by_independent_sources() -> None:
    reuters = report(source="outlet:Reuters", published=date(2021, 7, 29), tiebreak="b")
    copy = report(source="outlet:Reuters", published=date(2021, 7, 30), amount=8e6, eur=None)
    copy2 = report(source="outlet:Reuters", published=date(2021, 7, 30), amount=8e6, eur=None)
    tass = report(source="outlet:TASS", published=date(2021, 7, 30))
    wrong = report(source="story:9", published=date(2021, 7, 30), amount=8e6, eur=None)
    s = reconcile([copy, copy2, reuters, tass, wrong])
    assert (s.n_mentions, s.n_sources) == (5, 3)
    # 3 million: Reuters and TASS; 8 million: Reuters' copies (counted once with Reuters)
    # and one outlet. Two sources each way would tie; the earliest report breaks it.
    assert s.amount == 3_000_000
    [conflict] = s.conflicts
    assert conflict.field == "amount"
    assert [sorted(v.sources) for v in conflict.values] == [
        ["outlet:Reuters", "outlet:TASS"], ["outlet:Reuters", "story:9"]
    ]
    assert s.origin_doc_id == reuters.doc_id


def test_reconcile_dates_parties_and_precision() -> None:
    a = report(date="2021-07", party="ru.moscow_court", source="s1")
    b = report(date="2021-07-29", party="ru.tagansky_court", source="s2")
    s = reconcile([a, b])
    assert (s.date, s.party, s.conflicts) == ("2021-07-29", "ru.tagansky_court", [])
    c = report(date="2021-07-27", party="ru.fas", source="s3")
    s = reconcile([a, b, c])
    assert {x.field for x in s.conflicts} == {"date", "actor"}
    # A date we completed ourselves is not a source's claim.
    d = report(date="2021-07-20", completed=True, source="s4", dated=False)
    assert not [x for x in reconcile([b, d]).conflicts if x.field == "date"]


def test_a_single_report_case_is_its_report() -> None:
    r = report()
    s = reconcile([r])
    assert (s.amount, s.currency, s.date, s.party, s.n_sources) == (
        3_000_000, "RUB", "2021-07-29", "ru.tagansky_court", 1
    )
    assert s.date_lo == s.date_hi == date(2021, 7, 29)
