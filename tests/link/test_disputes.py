"""Dispute linking as a pure function: parties, matters, time, summaries, and the
properties the store and Spark rely on (any order gives the same disputes; a step changes
no decision before it; tallies add up as summaries do)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clampdown.link.disputes import (
    DisputeRules,
    Step,
    Tally,
    _lexicon,
    cue_label,
    decide_all,
    link_disputes,
    platform_group,
    read_cues,
    stage,
    step_of,
    summarise,
)

RULES = DisputeRules()
D0 = date(2021, 1, 10)


def step(
    n: int,
    type_: str = "DEMAND",
    days: int = 0,
    *,
    status: str = "done",
    cues: tuple[str, ...] = (),
    refers: bool = False,
    state: str = "RU",
    platform: str = "twitter",
    eur: float | None = None,
) -> Step:
    day = D0 + timedelta(days=days)
    return Step(case=n, key=f"k{n:03d}", type=type_, status=status, state=state,
                platform=platform, subject=platform, party="ru.roskomnadzor",
                date=day.isoformat(), lo=day, hi=day, day=day, eur=eur, usd=eur,
                cues=frozenset(cues), refers=refers)


def shape(steps: list[Step]) -> list[tuple[str, tuple[int, ...]]]:
    return sorted((d.key, tuple(s.case for s in d.steps)) for d in link_disputes(steps, RULES))


def test_the_sides_are_a_state_and_a_platform_group() -> None:
    assert platform_group("instagram") == platform_group("whatsapp") == "facebook"
    assert platform_group("elon_musk") == "twitter"  # the owner goes with his platform
    assert platform_group("ru.roskomnadzor") is None
    fine = step_of(1, "k1", "FINE", "done", None, "ru.roskomnadzor", "instagram",
                   "2021-03-10", D0, D0)
    assert fine is not None and (fine.state, fine.platform) == ("RU", "facebook")
    answer = step_of(2, "k2", "COMPLIANCE", "done", None, "instagram", "ru.roskomnadzor",
                     "2021-03-10", D0, D0)
    assert answer is not None and answer.part == ("RU", "facebook")
    # No platform, no state, or no date: no dispute.
    assert step_of(3, "k3", "FINE", "done", "RU", "ru.roskomnadzor", "country.us", None,
                   D0, D0) is None
    assert step_of(4, "k4", "FINE", "done", None, None, "twitter", None, D0, D0) is None
    assert step_of(5, "k5", "FINE", "done", "RU", "ru.roskomnadzor", "twitter", None,
                   None, None) is None
    # Steps of two states, or two platform groups, never share a dispute.
    assert len(shape([step(1), step(2, state="TR"), step(3, platform="google")])) == 3


def test_cues_name_matters_laws_and_references_in_either_language() -> None:
    cues, refers = read_cues([
        "A Moscow court fined Twitter for failing to remove calls to join unauthorised "
        "protests under Article 13.41.",
    ])
    assert cues == {"protests", "art-13.41"} and refers
    cues, refers = read_cues(["Суд оштрафовал Google по статье 13.41 КоАП за неудаление "
                              "запрещённой информации о наркотиках."])
    assert cues == {"art-13.41", "banned_content"} and refers
    cues, refers = read_cues(["Roskomnadzor slowed down Twitter on Wednesday."])
    assert cues == frozenset() and not refers  # an act alone names no matter
    assert read_cues(["the company protested the decision"]) == (frozenset(), False)
    assert cue_label("art-13.41") == "article 13.41"
    assert cue_label("law-242-fz") == "federal law 242-FZ"


def test_nearness_in_time_decides_where_no_cue_does() -> None:
    steps = [step(1, "DEMAND", 0), step(2, "FINE", 50), step(3, "BLOCK", 100),
             step(4, "WARNING", 161 + 100)]
    assert shape(steps) == [("ru-twitter-2021-01-10", (1, 2, 3)),
                            ("ru-twitter-2021-09-28", (4,))]
    wider = DisputeRules(dispute_gap_days=200)
    assert len(link_disputes(steps, wider)) == 1


def test_a_shared_matter_or_a_reference_back_bridges_a_long_gap() -> None:
    demand = step(1, "DEMAND", 0, cues=("local_presence",))
    comply = step(2, "COMPLIANCE", 200, cues=("local_presence",))
    assert len(shape([demand, comply])) == 1
    fine = step(3, "FINE", 300, refers=True)  # "for failing to remove"
    assert len(shape([step(1, "DEMAND", 0), fine])) == 1
    assert len(shape([step(1, "DEMAND", 0), step(3, "FINE", 300)])) == 2
    # A reference reaches only as far back as dispute_reference_days.
    far = step(3, "FINE", 500, refers=True)
    assert len(shape([step(1, "DEMAND", 0), far])) == 2


def test_matters_of_other_families_are_two_disputes_even_when_close() -> None:
    """A data localisation fine three weeks before a demand to remove an app: two
    disputes; protest calls and banned drugs content close in time: one."""
    data = step(1, "FINE", 0, cues=("data_localisation",), platform="google")
    app = step(2, "DEMAND", 22, cues=("navalny",), platform="google")
    comply = step(3, "COMPLIANCE", 50, platform="google")  # names nothing: nearest wins
    out = link_disputes([data, app, comply], RULES)
    assert [(d.key, [s.case for s in d.steps]) for d in out] == [
        ("ru-google-2021-01-10", [1]), ("ru-google-2021-02-01", [2, 3])]
    assert [d.decisions[0].kind for d in out] == ["first", "first"]
    assert out[1].decisions[1].kind == "time"  # the answer continues the nearest step
    protests = step(4, "FINE", 0, cues=("protests",))
    drugs = step(5, "THROTTLE", 40, cues=("banned_content",))
    assert len(shape([protests, drugs])) == 1


def test_disputes_starting_on_one_day_get_distinct_ids() -> None:
    a = step(1, "FINE", 0, cues=("data_localisation",))
    b = step(2, "DEMAND", 0, cues=("navalny",))
    keys = [k for k, _ in shape([a, b])]
    assert keys == ["ru-twitter-2021-01-10", "ru-twitter-2021-01-10-2"]


def test_summary_outcome_durations_and_fines() -> None:
    s = summarise([step(1, "DEMAND", 0), step(2, "BLOCK", 10, status="announced"),
                   step(3, "FINE", 20, eur=1000.0), step(4, "THROTTLE", 30),
                   step(5, "COMPLIANCE", 72)])
    assert (s.outcome, s.harshest, s.days_to_harshest, s.days_to_compliance) == (
        "complied", "THROTTLE", 30, 72)  # a threatened block is no block
    assert (s.fines_eur, s.n_fines) == (1000.0, 1)
    assert summarise([step(1, "DEMAND", 0), step(2, "REFUSAL", 3)]).outcome == "refused"
    refused_then_fined = summarise([step(1, "DEMAND"), step(2, "REFUSAL", 3),
                                    step(3, "FINE", 9, eur=None)])
    assert refused_then_fined.outcome == "escalated"
    assert refused_then_fined.n_unconverted == 1 and refused_then_fined.fines_eur == 0
    assert summarise([step(1, "DEMAND"), step(2, "WARNING", 5)]).outcome == "open"
    assert stage("complied", D0, D0 + timedelta(days=181), RULES) == "ended"
    assert stage("complied", D0, D0 + timedelta(days=180), RULES) == "complied"


def _random_steps(rng: random.Random, n: int) -> list[Step]:
    types = ["DEMAND", "WARNING", "FINE", "BLOCK", "THROTTLE", "COMPLIANCE", "REFUSAL",
             "LEGAL_ACTION"]
    cue_sets = [(), (), (), ("protests",), ("banned_content",), ("data_localisation",),
                ("local_presence",), ("navalny", "protests")]
    return [
        step(i, rng.choice(types), rng.randrange(0, 900), cues=rng.choice(cue_sets),
             refers=rng.random() < 0.15, state=rng.choice(["RU", "TR"]),
             platform=rng.choice(["twitter", "google"]))
        for i in range(n)
    ]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 60))
def test_any_order_gives_the_same_disputes(seed: int, n: int) -> None:
    rng = random.Random(seed)
    steps = _random_steps(rng, n)
    first = shape(steps)
    rng.shuffle(steps)
    assert shape(steps) == first
    assert sorted(c for _, cs in first for c in cs) == list(range(n))  # each step once


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 60))
def test_a_step_changes_no_decision_before_it(seed: int, n: int) -> None:
    """What lets the store decide a batch's steps from the steps before them alone."""
    steps = _random_steps(random.Random(seed), n)
    extra = steps.pop()
    for part in {s.part for s in steps}:
        before = decide_all([s for s in steps if s.part == part], RULES)
        after = decide_all([s for s in [*steps, extra] if s.part == part], RULES)
        for s in steps:
            if s.part == part and s.rank < extra.rank:
                assert after[s.key] == before[s.key]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 40), st.integers(0, 40))
def test_tallies_add_up_as_summaries_do(seed: int, n: int, m: int) -> None:
    """What lets the store join disputes without reading their steps."""
    rng = random.Random(seed)
    a = _random_steps(rng, n)
    b = [replace(s, key="b" + s.key, case=1000 + int(s.case)) for s in _random_steps(rng, m)]
    ta, tb = Tally(), Tally()
    for s in a:
        ta.add(s)
    for s in b:
        tb.add(s)
    joined = Tally.from_json(ta.to_json()).merge(Tally.from_json(tb.to_json()))
    assert joined.summary() == summarise([*a, *b])


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 40), st.text("k0123456789z", min_size=1,
                                                           max_size=5))
def test_a_step_renamed_in_its_place_changes_only_its_key(seed: int, n: int, key: str) -> None:
    """What lets the store rename a step whose case key changed (a late report with a
    smaller event key) without deciding anything again: when no other step ranks between
    its two keys, every decision stays but for the key in targets, and its dispute's
    tally takes the new rank."""
    rng = random.Random(seed)
    steps = [replace(s, day=D0 + timedelta(days=s.day.toordinal() % 15),
                     lo=D0 + timedelta(days=s.day.toordinal() % 15),
                     hi=D0 + timedelta(days=s.day.toordinal() % 15))
             for s in _random_steps(rng, n)]  # two weeks: many steps of one day
    i = rng.randrange(n)
    old = steps[i]
    new = replace(old, key=key)
    lo_key, hi_key = sorted((old.key, key))
    between = [s for s in steps if s.part == old.part and s.rank[:2] == old.rank[:2]
               and lo_key <= s.key <= hi_key and s is not old]
    if between:
        return  # another step of its day ranks between: the store decides again
    after = [*steps[:i], new, *steps[i + 1:]]
    names = {old.key: key}
    for part in {s.part for s in steps}:
        before = decide_all([s for s in steps if s.part == part], RULES)
        now = decide_all([s for s in after if s.part == part], RULES)
        assert now == {names.get(k, k): replace(d, targets=tuple(sorted(
            names.get(t, t) for t in d.targets))) for k, d in before.items()}
    for d in link_disputes(steps, RULES):
        if old in d.steps:
            t = Tally()
            for s in d.steps:
                t.add(s)
            renamed = Tally()
            for s in d.steps:
                renamed.add(new if s is old else s)
            assert t.rename(old.rank, new.rank).to_json() == renamed.to_json()


def test_cues_are_found_as_running_every_pattern_would_find_them() -> None:
    """The word prefilter never hides a cue: on every report of both corpora, the same
    cues as every pattern run on every text."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    texts = []
    for path in (root / "examples" / "disputes.jsonl",
                 root / "tests" / "store" / "data" / "disputes.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            texts += [text, *text.split(". ")]
    lex = _lexicon()
    assert lex.always == ()  # every pattern has words to look for
    for text in texts:
        cues: set[str] = set()
        refers = False
        for u in lex.units:
            if u.kind == "matter" and u.pattern.search(text):
                cues.add(u.cue)
            elif u.kind == "law":
                cues |= {u.cue.format(n=m.group(1).upper()) for m in u.pattern.finditer(text)}
            elif u.kind == "ref" and u.pattern.search(text):
                refers = True
        assert read_cues([text]) == (frozenset(cues), refers), text


def test_the_rules_are_documented_as_in_code() -> None:
    from pathlib import Path

    from clampdown.link.disputes import rules_table

    doc = (Path(__file__).resolve().parents[2] / "docs" / "disputes.md").read_text("utf-8")
    for name, default, help_text in rules_table():
        assert f"| `{name}` | {default} | {help_text} |" in doc, name
