"""The prefilter skips documents that cannot hold an event, and changes no output; nor do
the shortcuts of the trigger scan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clampdown import regexwords
from clampdown.extract import money, names
from clampdown.extract.language import (
    SUPPORTED,
    LanguagePack,
    casefold_same_length,
    language_pack,
)
from clampdown.extract.pipeline import extract
from clampdown.extract.quick import (
    _literal_plan,
    can_match,
    finditer_at_literals,
    finditer_at_stems,
    finditer_in_runs,
    required,
    required_in_text,
    run_class,
)
from clampdown.extract.sentences import sentences_near, split_sentences
from clampdown.extract.triggers import Hit, scan_triggers
from clampdown.ingest import read_documents
from clampdown.model import Document
from clampdown.output import spec_dict

CORPUS = Path(__file__).resolve().parents[2] / "eval" / "corpus"


def _same_with_and_without(path: Path) -> int:
    docs = [d for d in read_documents([str(path)]) if isinstance(d, Document)]
    assert docs
    for doc in docs:
        assert spec_dict(extract(doc)) == spec_dict(extract(doc, prefilter=False)), doc.id
    return len(docs)


def test_skipping_loses_nothing_on_sentences_with_and_without_acts() -> None:
    for text in (
        "The weather was fine and the market opened higher.",  # a stem, no act
        "The regulator blocked it on Monday.",  # a trigger, no name
        "Roskomnadzor blocked Telegram on Monday.",
    ):
        doc = Document(id="t", text=text, lang="en")
        assert extract(doc).events == extract(doc, prefilter=False).events
    assert extract(Document(id="n", text="Roskomnadzor blocked Telegram.", lang="en")).events


def test_a_kind_of_platform_as_a_passives_subject_keeps_the_page() -> None:
    # No platform is named in the act's sentence: the next sentence lists them.
    doc = Document(
        id="k",
        text="Three news websites were made inaccessible by Roskomnadzor on Friday. The sites"
        " are those of Meduza and of Deutsche Welle.",
        lang="en",
    )
    found = extract(doc).events
    assert {ev.target for ev in found} == {"Meduza", "Deutsche Welle"}
    assert found == extract(doc, prefilter=False).events


def test_no_output_changes_on_the_seed_and_the_dev_set(shared: Path) -> None:
    _same_with_and_without(shared / "data" / "seed-docs.jsonl")
    _same_with_and_without(shared / "data" / "devset" / "docs.jsonl")


@pytest.mark.slow
@pytest.mark.parametrize(
    "where",
    ["corpus-dev", "corpus-measure", "data/web-pages/pages", "data/news-pages/pages"],
)
def test_no_output_changes_on_real_pages_and_the_corpus(shared: Path, where: str) -> None:
    path = CORPUS / f"docs-{where[7:]}.jsonl" if where.startswith("corpus") else shared / where
    assert _same_with_and_without(path) > 100


def _every_match(pack: LanguagePack, text: str) -> list[Hit]:
    """What scanning gives without stems, joined patterns or required words: each pattern
    over the whole text."""
    low = casefold_same_length(text)
    hits = []
    for trig in pack.triggers:
        for m in trig.regex.finditer(text if trig.cased else low):
            head = re.match(r"\S+", m.group())
            head_len = head.end() if head and not trig.objects_after_match else len(m.group())
            hits.append(Hit(trig, m.start(), m.end(), m.start() + head_len))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    return hits


def test_the_trigger_scan_finds_what_each_pattern_over_the_text_finds(shared: Path) -> None:
    texts = [
        "Roskomnadzor fined Google 3 million rouble fine. Google paid a 5 million euro fine; "
        "the court, summoned by X, imposed 2 million dollars sanctions.",
        "A fine day: the bill passed, and 10 million rouble penalty was imposed.",
        "1,5 million-rouble fine; a 2bn-rouble fine; ٣ million ruble fine; x5 - ruble fine",
    ]
    for path in (shared / "data" / "seed-docs.jsonl", shared / "data" / "devset" / "docs.jsonl"):
        texts += [d.text for d in read_documents([str(path)]) if isinstance(d, Document)]
    for code in SUPPORTED:
        pack = language_pack(code)
        for text in texts:
            assert scan_triggers(pack, text) == _every_match(pack, text), (code, text[:60])


@pytest.mark.slow
def test_the_trigger_scan_finds_what_each_pattern_finds_on_news_pages(shared: Path) -> None:
    """Ordinary news holds the stems (auxiliaries) but rarely the words patterns need."""
    path = shared / "data" / "news-pages" / "pages"
    texts = [d.text for d in read_documents([str(path)]) if isinstance(d, Document)]
    for code in SUPPORTED:
        pack = language_pack(code)
        for text in texts:
            assert scan_triggers(pack, text) == _every_match(pack, text), (code, text[:60])


def test_a_pattern_cannot_match_without_a_string_each_match_holds() -> None:
    court = re.compile(r"\b((?:[A-Z][\w'\-]+\s+){1,4}(?:District|City)?\s*Court)\b")
    assert not can_match(court, "The court ruled.") and can_match(court, "Moscow City Court")


def test_the_text_holds_what_a_lookaround_that_must_match_requires() -> None:
    # What a whole text holds (`required_in_text`) counts the lookahead; what a stretch
    # holds (`required`) does not, as the stretch may end before it.
    pattern = re.compile(r"\bhas\b(?=(?:\s+\S+){1,8}?\s+(?:fined|banned)\b)")
    assert required_in_text(pattern) == [frozenset({"has"}), frozenset({"fined", "banned"})]
    assert required(pattern) == [frozenset({"has"})]
    assert required_in_text(pattern) is required_in_text(pattern)  # read once


def _texts(shared: Path) -> list[str]:
    paths = (shared / "data" / "seed-docs.jsonl", shared / "data" / "devset" / "docs.jsonl")
    return [d.text for p in paths for d in read_documents([str(p)]) if isinstance(d, Document)]


def test_web_addresses_are_found_where_the_full_pass_finds_them(shared: Path) -> None:
    texts = _texts(shared) + [
        "see ok.ru.com and a@b.com, x/y.ru, mail.ru.\nvk.com – news",
        "ПРАВДА.РУ pravda.ru-news.com .com a.b.c.d.co.uk foo..ru -x.ru Instagram.COM.",
    ]
    for text in texts:
        full = [m.span() for m in names._DOMAIN.finditer(text)]
        assert [m.span() for m in names._domains(text)] == full, text[:60]


def test_sentences_near_places_are_those_of_the_whole_split(shared: Path) -> None:
    for text in _texts(shared):
        every = split_sentences(text)
        for positions in ([], [0], [len(text) // 2], [len(text) - 1], [5, len(text) // 3]):
            near = sentences_near(text, positions)
            assert near == [s for s in every if s in near]  # in order, as split
            assert near[:1] == every[:1]  # the first sentence dates the lede
            for i, sent in enumerate(every):
                if any(sent.start <= p < sent.end for p in positions):
                    assert all(s in near for s in every[max(0, i - 1) : i + 2])


def test_a_pattern_led_by_a_digit_or_a_stem_is_read_so() -> None:
    from clampdown.extract.quick import digit_led

    assert digit_led(re.compile(r"(?:\d|\b(?:million|bn))\s+fine")) == ("bn", "million")
    assert digit_led(re.compile(r"(?:\d|million)\s+fine")) is None  # may start in a word
    assert digit_led(re.compile(r"(?:\d|\b[a-z]+)\s+fine")) is None
    assert digit_led(re.compile(r"\d+\s+fine")) is None  # no choice first: read elsewhere
    assert digit_led(re.compile(r"(?:\d|\bmillion)", re.IGNORECASE)) is None
    # a word boundary before the digit takes no text: the match begins at the digit
    assert digit_led(re.compile(r"\b\d+\s+fine")) == ()
    assert digit_led(re.compile(r"\b\d+\s+fine|\b(?:new|record)\s+fine")) == ("new", "record")
    assert digit_led(re.compile(r"\b\w+\s+fine")) is None
    # an optional part first, read with what follows it
    optional = re.compile(r"\b(?:(?:\d+|two)\s+days?\s+)?(?:new\s+)?deadline")
    assert digit_led(optional) == ("deadline", "new", "two")
    assert digit_led(re.compile(r"\b(?:(?:\d+|two)\s+days?\s+)?\w+line")) is None


def test_a_digit_at_a_word_start_is_tried_at_the_digits_alone() -> None:
    from clampdown.extract.quick import digit_or_stem_starts, matches_at

    regex = re.compile(r"\b\d+\s+fines?|\b(?:new|record)\s+fine")
    text = "a4 fine, 40 fines; record fine, x12 fine and 7 fine"
    starts = digit_or_stem_starts(regex, text, text)
    assert starts is not None and len(starts) < len(text)
    found = [m.span() for m in matches_at(regex, text, starts)]
    assert found == [m.span() for m in regex.finditer(text)]
    assert len(found) == 3


def test_a_stem_after_an_optional_hyphened_word_is_tried_at_both_starts() -> None:
    """A pattern whose match begins with an optional run of letters and a hyphen before a
    stem ("(?:[a-z]+-)?(?:fine|penalty)") is tried at the stems' words and at the start of
    the run before a hyphen a stem follows (`quick.hyphen_led`): the matches of the full
    pass, in each pack's own sentences too."""
    from clampdown.extract.quick import digit_or_stem_starts, hyphen_led, matches_at

    regex = re.compile(r"\b(?:[a-z]+-)?(?:fine|penalty)\w*\s+against\b")
    assert hyphen_led(regex) == ("fine", "penalty")
    assert hyphen_led(re.compile(r"\b(?:[a-z.]+-)?fine")) is None  # "." is in no word
    assert hyphen_led(re.compile(r"(?:[a-z]+-)?fine")) is None  # may start inside a word
    assert hyphen_led(re.compile(r"\b(?:[a-z]+-)?\w+")) is None
    text = "an eu-fine against x, a fine against y; x2-penalty against z; a-b-fines against w"
    starts = digit_or_stem_starts(regex, text, text)
    assert starts is not None and len(starts) < len(text)
    found = [m.span() for m in matches_at(regex, text, starts)]
    assert found == [m.span() for m in regex.finditer(text)]
    assert [text[a:b].split()[0] for a, b in found] == ["eu-fine", "fine", "penalty", "b-fines"]
    for code in SUPPORTED:
        pack = language_pack(code)
        examples = [s for t in pack.triggers for s in (*t.examples, *t.near_misses)]
        for trig in pack.triggers:
            if trig.stems or hyphen_led(trig.regex) is None:
                continue
            for sentence in [" ".join(examples), *examples]:
                low = casefold_same_length(sentence)
                led = digit_or_stem_starts(trig.regex, low, low)
                assert led is not None
                full = [m.span() for m in trig.regex.finditer(low)]
                assert [m.span() for m in matches_at(trig.regex, low, led)] == full


def test_a_word_holding_an_infix_is_tried_at_its_start() -> None:
    """A pattern whose match begins at a word boundary with a run of word characters and a
    literal ("\\b(?:\\w*verfahren|klage)") is tried at the stems' words and at the start
    of each word holding the literal (`quick.infix_led`): the matches of the full pass, in
    each pack's own sentences too."""
    from clampdown.extract.quick import digit_or_stem_starts, infix_led, matches_at

    regex = re.compile(r"\b(?:\w*verfahren|klage)\s+gegen\b")
    assert infix_led(regex) == (("klage",), ("verfahren",))
    assert infix_led(re.compile(r"\b\w*fine\s+x")) == ((), ("fine",))
    assert infix_led(re.compile(r"(?:\w*fine|klage)")) is None  # may start inside a word
    assert infix_led(re.compile(r"\b(?:[\w.]*fine|klage)")) is None  # "." is in no word
    assert infix_led(re.compile(r"\b(?:\w*ab|klage)")) is None  # too short to tell
    assert infix_led(re.compile(r"\b(?:\w*fine|\d+)")) is None  # no stem to read
    assert infix_led(re.compile(r"\bklage\s+gegen")) is None  # stems alone: read as usual
    text = (
        "das strafverfahren gegen x, verfahren gegen y; ein klage gegen z, "
        "bußgeldverfahrenverfahren gegen w; anklage gegen v, x_verfahren gegen u"
    )
    starts = digit_or_stem_starts(regex, text, text)
    assert starts is not None and len(starts) < len(text)
    found = [m.span() for m in matches_at(regex, text, starts)]
    assert found == [m.span() for m in regex.finditer(text)]
    assert [text[a:b].split()[0] for a, b in found] == [
        "strafverfahren",
        "verfahren",
        "klage",
        "bußgeldverfahrenverfahren",
        "x_verfahren",
    ]
    for code in SUPPORTED:
        pack = language_pack(code)
        examples = [s for t in pack.triggers for s in (*t.examples, *t.near_misses)]
        for trig in pack.triggers:
            if trig.stems or infix_led(trig.regex) is None:
                continue
            for sentence in [" ".join(examples), *examples]:
                low = casefold_same_length(sentence)
                subject = sentence if trig.cased else low
                led = digit_or_stem_starts(trig.regex, subject, low)
                assert led is not None
                full = [m.span() for m in trig.regex.finditer(subject)]
                assert [m.span() for m in matches_at(trig.regex, subject, led)] == full


def test_court_names_found_in_runs_are_those_of_the_full_pass(shared: Path) -> None:
    from clampdown.languages import language

    texts = _texts(shared) + [
        "the Tverskoy District Court of Moscow; Judge Ivan Petrov; knowledge, edge. Court",
        "Таганский районный суд Москвы, суд Барановичей. Amtsgericht Berlin; Tribunal de Justiça",
        "İstanbul 3. Sulh Ceza Hakimliği; Ankara Mahkemesi; (Court) Court-",
    ]
    for code in SUPPORTED:
        found = language(code)
        regex = found.court_name if found is not None else None
        if regex is None:
            continue
        assert run_class(regex) is not None  # the shortcut is taken, not the full pass
        for text in texts:
            full = [m.span() for m in regex.finditer(text)]
            assert [m.span() for m in finditer_in_runs(regex, text)] == full, (code, text[:60])


def test_run_class_is_not_read_for_what_may_read_past_a_run() -> None:
    assert run_class(re.compile(r"\bab[^x]")) is None  # a negated class
    assert run_class(re.compile(r"ab.")) is None  # any character
    assert run_class(re.compile(r"ab\b$")) is None  # an end anchor
    assert run_class(re.compile(r"ab", re.IGNORECASE)) is None
    assert run_class(re.compile(r"(?<=[.;])\s*ab(?=-c)")) is not None  # lookbehind reads back
    for text in ("x.ab-c y;ab-c", "ab-cab-c. .ab-d"):
        rx = re.compile(r"(?<=[.;])\s*ab(?=-c)")
        assert [m.span() for m in finditer_in_runs(rx, text)] == [
            m.span() for m in rx.finditer(text)
        ]


def test_the_sentence_at_a_place_is_the_one_the_near_split_gives(shared: Path) -> None:
    from bisect import bisect_right

    from clampdown.extract.sentences import _line_around, _lines, sentence_at

    texts = _texts(shared) + [
        "a,\n   \nb c d e f.\n- item\n- item two\nSo it goes. and on\nlower start.\n\n(x) Big. End",
        "Head line here\nthe next starts low and wraps.\nItems:\n- One\n- Two.\n  \n,\n(dpa)\nw.",
    ]
    for text in texts:
        for base, raw in _lines(text):  # each line of the whole split, found from one place
            for pos in {base, base + len(raw) // 2, base + len(raw) - 1}:
                assert _line_around(text, pos) == (base, base + len(raw)), text[:60]
        for word in re.finditer(r"\w+", text):
            pos = word.start()
            near = sentences_near(text, [pos])
            i = bisect_right([s.start for s in near], pos) - 1
            got = sentence_at(text, pos)
            if got is None:  # none of its line: the one before it (if any) ends before it
                assert i < 0 or near[i].end <= pos
            else:
                assert got == near[i]


def test_patterns_tried_at_their_stems_find_what_the_full_pass_finds(shared: Path) -> None:
    texts = _texts(shared) + [
        "Apps, the app AppGallery, happy apps: the Telegram-канал «X», VPN-сервисы и сайты.",
        "Die Plattform X und der Messenger Y; the website Z; news agencies such as A and B.",
    ]
    for code in SUPPORTED:
        pack = language_pack(code)
        for regex in (pack.platform_cues, pack.attribution, pack.lead_attribution):
            for text in texts:
                low = casefold_same_length(text)
                full = [m.span() for m in regex.finditer(text)]
                assert [m.span() for m in finditer_at_stems(regex, text, low)] == full


def test_credits_tried_at_their_first_words_are_those_of_the_full_pass(shared: Path) -> None:
    texts = _texts(shared) + [
        "Reports say so. According to Reuters, X fined it. Citing TASS, it said so, according"
        " to RBC.\nAs per the order, as Interfax reported, ACCORDING TO DPA, it was\nblocked",
        "Как сообщает ТАСС, суд оштрафовал. По данным РБК, так. Со ссылкой на Интерфакс, да.",
        "Aſ per the law, it was ſo. Cıting them, x. Kак сᲂобщает ТАСС, суд. İstanbul (AP) - x",
        "MOSCOW (Reuters) - Russia fined it. ANKARA, 5 Mart - AA. Berlin (dpa) — So.",
    ]
    for code in SUPPORTED:
        pack = language_pack(code)
        for regex in (pack.credit_line, pack.lead_attribution):
            for text in texts:
                low = casefold_same_length(text)
                full = [m.span() for m in regex.finditer(text)]
                assert [m.span() for m in finditer_at_literals(regex, text, low)] == full
    assert _literal_plan(language_pack("en").lead_attribution) is not None  # taken


def test_literal_starts_are_tried_where_the_full_pass_matches() -> None:
    # Letters case-folding matches otherwise than lower case: "ſ" and "s", a final "Σ"
    # lower-cased to "ς", "İ" lengthened.
    for text in ("ſ a ſab Sab", "ıx IX ix", "ΣΑΣ σας ας", "İx ix cİt"):
        for pattern in ("sab", "ix", "σας", "ας", "İx", "cit"):
            rx = re.compile(pattern, re.IGNORECASE)
            low = casefold_same_length(text)
            full = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in finditer_at_literals(rx, text, low)] == full


def test_no_literal_start_is_tried_where_the_fold_table_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(regexwords, "_FOLDS", [None])
    # (patterns no other test plans: plans are kept per pattern)
    assert _literal_plan(re.compile(r"sabz", re.IGNORECASE)) is None  # the whole text
    assert _literal_plan(re.compile(r"sabz")) == (("sabz",), "")  # letter case not ignored
    text = "ſabz Sabz"
    rx = re.compile(r"ſ?sabz|sabz", re.IGNORECASE)
    full = [m.span() for m in rx.finditer(text)]
    assert [m.span() for m in finditer_at_literals(rx, text, casefold_same_length(text))] == full


def test_unit_names_are_found_where_the_full_pass_finds_them(shared: Path) -> None:
    texts = _texts(shared) + [
        "Five million dollars, 5mn rubles; twenty-five   million US dollars; crore,lakh Mln won",
        "двадцать пять миллионов рублей, 3 млн руб.; vinte e cinco milhões de reais",
        "beş milyon lira; fünf Millionen Euro",
    ]
    for code in (None, *SUPPORTED):
        lex = money._lexicon_for(code)
        for text in texts:
            low = text.lower()
            full = [m.span() for m in lex.unit_anchor.finditer(low)]
            assert [m.span() for m in money._units(lex, low)] == full, (code, text[:60])


def _may_hold(text: str) -> bool:
    """The prefilter's answer for an English text, the way `extract` asks it."""
    from clampdown.extract.names import introduced
    from clampdown.extract.pipeline import gazetteer
    from clampdown.extract.prefilter import may_hold_event

    pack = language_pack("en")
    low = casefold_same_length(text)
    hits = scan_triggers(pack, text, low)
    return may_hold_event(text, low, pack, hits, gazetteer(), introduced(text, pack))


def test_a_trigger_with_no_party_within_reach_is_rejected() -> None:
    assert not _may_hold("The ministry fined the bank on Monday.")
    assert not _may_hold("The regulator blocked it on Monday.")  # "it" refers to nothing
    assert _may_hold("Roskomnadzor blocked Telegram on Monday.")
    assert _may_hold("Telegram grew fast. The regulator blocked it on Monday.")
    assert _may_hold("The regulator blocked the messenger Zorro on Monday.")  # introduced
    assert not _may_hold(f"Telegram grew fast. {'Nothing happened then. ' * 60}It was blocked.")


def test_no_output_changes_on_passages_of_the_seed_and_the_dev_set(shared: Path) -> None:
    """Passages cut from event-dense texts: a pronoun loses its antecedent, a list its act."""
    paths = (shared / "data" / "seed-docs.jsonl", shared / "data" / "devset" / "docs.jsonl")
    for doc in (d for p in paths for d in read_documents([str(p)]) if isinstance(d, Document)):
        lines = doc.text.split("\n")
        for i in range(len(lines)):
            for width in (1, 2):
                text = "\n".join(lines[i : i + width])
                part = Document(id=f"{doc.id}:{i}", text=text, lang=doc.lang)
                assert spec_dict(extract(part)) == spec_dict(extract(part, prefilter=False)), text


def test_anaphora_tried_at_their_stems_are_those_of_the_full_pass(shared: Path) -> None:
    from clampdown.extract.triggers import scan_anaphors

    for code in SUPPORTED:
        pack = language_pack(code)
        for text in _texts(shared):
            low = casefold_same_length(text)
            for start, end in [(s.start, s.end) for s in split_sentences(text)] + [(3, len(text))]:
                full = [
                    (m.start(), m.end(), an)
                    for an in pack.anaphora
                    for m in an.regex.finditer(low, start, end)
                ]
                full.sort(key=lambda f: (f[0], -(f[1] - f[0])))
                assert scan_anaphors(pack, low, start, end) == full, (code, text[start:end])


@pytest.mark.slow
def test_no_output_changes_on_every_packs_examples_and_near_misses() -> None:
    # Each trigger's sentences are the shortest texts of their wording: a way the reader
    # reaches a party that the prefilter does not know of shows here first.
    read = 0
    for code in SUPPORTED:
        for trig in language_pack(code).triggers:
            for i, text in enumerate(trig.examples + trig.near_misses):
                doc = Document(id=f"{code}-{i}", text=text, lang=code)
                assert extract(doc).events == extract(doc, prefilter=False).events, (code, text)
                read += 1
    assert read > 1000


@pytest.mark.parametrize(
    ("pattern", "whole"),
    [
        (r"\b(?:x|y)\b(?=(?:\s+\S+){1,12}?\s+z\b)", r"(?:\s+\S++){1,12}?\s+z"),
        (r"(?:\S+\s+){0,3}?x", r"(?:\S++\s+){0,3}?x"),
        (r"(?P<w>\s\S+)+\s", r"(?P<w>\s\S++)+\s"),
        (r"\S+\s*x", None),  # a shorter run lets "x" follow at once
        (r"(?:a|\s+\S+){1,3}\sx", None),  # another turn of the group may begin with "a"
        (r"(?:\s*\S+){1,3}\s", None),  # or with a non-space
        (r"(?=(?:\s+\S+){0,3})", None),  # nothing need follow
        (r"[\S+]\s", None),  # a class
        (r"\\S+\s", None),  # a backslash and S's
    ],
)
def test_a_run_of_non_spaces_is_taken_whole_only_where_a_space_must_follow(
    pattern: str, whole: str | None
) -> None:
    from clampdown.extract.quick import possessive_pattern

    rewritten = possessive_pattern(pattern)
    if whole is None:
        assert rewritten == pattern
    else:
        assert whole in rewritten
        assert rewritten.replace(r"\S++", r"\S+") == pattern


def test_runs_taken_whole_find_what_each_packs_patterns_find() -> None:
    """Every pattern of every pack, with its runs taken whole, matches where and as far as
    it does on its own examples and near misses, alone and joined."""
    from clampdown.extract.quick import possessive_pattern

    for code in SUPPORTED:
        pack = language_pack(code)
        texts = [s for t in pack.triggers for s in (*t.examples, *t.near_misses)]
        texts = [casefold_same_length(s) for s in (*texts, " ".join(texts))]
        changed = [
            (t.regex, re.compile(possessive_pattern(t.regex.pattern), t.regex.flags))
            for t in pack.triggers
            if possessive_pattern(t.regex.pattern) != t.regex.pattern
        ]
        assert changed, code
        for regex, fast in changed:
            for text in texts:
                assert [m.span() for m in fast.finditer(text)] == [
                    m.span() for m in regex.finditer(text)
                ], (code, regex.pattern)


@pytest.mark.parametrize(
    ("pattern", "runs"),
    [
        (r"\bab\s+cd", 1),
        (r"\bab\s+(?:\S+\s+){0,3}?cd", 4),
        (r"\bab(?=(?:\s+\S+){1,2}\s+cd)", 3),  # what a lookahead reads counts
        (r"\b(?:ab\s+cd|ef)\s+gh", 2),  # the longer alternative
        (r"\bab[ ,]cd", 1),
        (r"\bab[^x]cd", 1),  # a negated class may take a space
        (r"\bab.cd", 1),
        (r"\bab(?!\s+x)\w+", 0),  # a negative lookaround reads no needed word
        (r"\b(?:ab\s+)*cd", None),  # unbounded
        (r"\bab[\s-]+cd", None),
        (r"\bab\s+(\w+)\s+\1", None),  # a back reference
    ],
)
def test_runs_of_whitespace_a_match_may_hold(pattern: str, runs: int | None) -> None:
    from re import _parser

    from clampdown.extract.quick import space_runs

    assert space_runs(list(_parser.parse(pattern).data)) == runs


def test_patterns_tried_near_their_needed_words_find_what_the_full_pass_finds() -> None:
    """Every pack's patterns read at the word boundaries near the words they need match
    where and as far as they do over the whole text, on their pack's examples and near
    misses, alone and joined (so that the words needed occur far apart and close)."""
    from clampdown.extract.quick import _near_plan, finditer_near_needed
    from clampdown.extract.triggers import _trigger_index

    planned = 0
    for code in SUPPORTED:
        pack = language_pack(code)
        texts = [s for t in pack.triggers for s in (*t.examples, *t.near_misses)]
        texts = [casefold_same_length(s) for s in (*texts, " ".join(texts), "\n".join(texts))]
        index = _trigger_index(pack.triggers, pack.platform_cues)
        for i, trig in enumerate(pack.triggers):
            needs = index.needs[i]
            if needs is None or not index.forward[i] or _near_plan(trig.regex) is None:
                continue
            planned += 1
            for text in texts:
                near = [m.span() for m in finditer_near_needed(trig.regex, text, needs)]
                assert near == [m.span() for m in trig.regex.finditer(text)], (code, i)
    assert planned > 50
    ab = re.compile(r"\b\w+a\s+(?:\S+\s+){0,2}?cd\b")
    text = "xa  y z cd wa cd. ya, cd za q r s cd"
    assert [m.span() for m in finditer_near_needed(ab, text, frozenset({"cd"}))] == [
        m.span() for m in ab.finditer(text)
    ]
