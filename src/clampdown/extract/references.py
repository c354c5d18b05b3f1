"""Who a sentence is about: names, pronouns and descriptions resolved to entities, the
subject before a trigger and the objects after it, the agent of a passive, the possessor
of a noun, the authority a sentence is attributed to.

This is the first layer of the sentence reader; `fields` adds dates, money, status and
negation on top of it, and `events` assembles events from both.
"""

from __future__ import annotations

import re
from functools import cache, partial

from clampdown.extract.context import PLATFORM, DocContext, Ref, unique_refs
from clampdown.extract.guards import may_match, search
from clampdown.extract.language import Anaphor, LanguagePack, casefold_same_length
from clampdown.extract.sentences import BULLET, UPPER
from clampdown.extract.triggers import AnaphorMatch, Hit, find_triggers, scan_anaphors
from clampdown.model import Entity, Span
from clampdown.resolve.kb import load_kb, platform_parents

AUTHORITY = frozenset({"authority"})
STATE_ROLES = frozenset({"authority", "country"})
_AGENT_REACH = 12  # characters before a name where its "by" stands
_DASHES = {"-", "–", "—", ":"}  # what may open a list of objects
_NEW_ITEM = re.compile(r"\s*\n" + BULLET.pattern)  # a list item's line begins
# A stock ticker a wire service puts after a company's name ("Microsoft's MSFT.O Bing",
# "Alphabet's GOOGL.O Google"): no word of the list.
_TICKER = re.compile(r"(?<![\w.])[A-Z0-9]{2,6}\.[A-Z]{1,2}(?![\w.])")
# An item of a list the knowledge base does not know, between commas ("Shareit, Clash of
# Kings, Weibo", "Airtel, VI, Jio"): capitalised words (short lower-case joiners allowed) or
# a web address. It does not end the list its known neighbours are in.
_UNKNOWN_ITEM = re.compile(
    rf",\s*[{UPPER}][\w.&'’-]*(?:\s+(?:[^\W\d_]{{1,3}}\s+)?[{UPPER}0-9][\w.&'’-]*){{0,3}}"
    r"\s*(?=,|\s\w{1,4}\s*$)"  # up to the next comma, or a conjunction before the next name
    r"|,\s*[«\"“„][^«»\"“”„\n]{1,40}[»\"”“]\s*(?=,|\s\w{1,4}\s*$)"  # or any words in quotes
)
PRONOUN_REACH = 1200  # characters: a pronoun's antecedent is in this or the last sentences
PERSON_KINDS = frozenset({"official", "head_of_state"})


_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
_WORDS_BEFORE = re.compile(r"(?:[^\W\d_]+[\s-]+){1,2}$")  # up to two words, no punctuation


# Acts told to a person: a platform's head warned, ordered or called in stands for it.
HEAD_ADDRESSED = frozenset({"WARNING", "DEMAND", "SUMMONS"})


def _as_platform(hit: Hit, roles: frozenset[str], ref: Ref) -> Ref:
    """'warned Musk of his obligations', 'demanded Durov hand over the keys': the head of a
    platform (`heads` in the knowledge base) told or called in stands for the platform."""
    if ref.entity.role != "person" or "platform" not in roles:
        return ref
    if hit.trigger.type not in HEAD_ADDRESSED:
        return ref
    kb = load_kb()
    owner = kb.entities.get(kb.heads.get(ref.entity.id, ""))
    if owner is None or owner.role != "platform":
        return ref
    return Ref(owner, ref.start, ref.end, ref.possessive)


@cache
def _adjective_stems() -> dict[str, str]:
    """The knowledge base's country adjectives as stems (their last two letters off, so that
    an inflected form matches: "американск" for "американская"), with their country codes."""
    stems = {casefold_same_length(adj)[:-2]: code for adj, code in load_kb().adjectives.items()}
    return {stem: code for stem, code in stems.items() if len(stem) >= _MIN_STEM}


@cache
def _adjectives() -> frozenset[str]:
    """The knowledge base's country adjectives, lower-cased."""
    return frozenset(adj.lower() for adj in load_kb().adjectives)


def _is_adjective(surface: str) -> bool:
    """Whether a country's mention is one of its adjectives, not its name."""
    return surface.lower() in _adjectives()


_MIN_STEM = 4  # letters of an adjective's stem
_MAX_ENDING = 4  # letters a word may add to its stem


def described_country(words: str) -> str | None:
    """The country a description's adjective gives ("the American company": US), if one
    of its words is a country adjective of the knowledge base, in any inflection (the
    longest stem that starts the word and leaves it at most four letters)."""
    stems = _adjective_stems()
    for word in _WORD.findall(casefold_same_length(words)):
        for end in range(len(word), max(_MIN_STEM, len(word) - _MAX_ENDING) - 1, -1):
            code = stems.get(word[:end])
            if code is not None:
                return code
    return None


_QUOTE_GAP = re.compile(r"[\s\"«“„'’]*")  # what may stand between a describer and a name


def describes_company(text: str, pack: LanguagePack, refs: list[Ref], i: int) -> bool:
    """Whether `refs[i]`, a country, only describes the company, platform or outlet named
    right after it ("ABD'li sosyal medya şirketi X", "Chinese-owned TikTok", "a empresa
    americana X"): then it is no party to an act. A possessive country ("Russia's Telegram
    ban"), one that merely stands before a name ("the EU TikTok probe") and one describing
    a kind of company with no name ("American tech giants were breaking the law": the
    state stands for them) still are."""
    ref = refs[i]
    if ref.entity.role != "country" or ref.possessive:
        return False
    pos = ref.end
    before = pack.company_before.search(text, max(0, ref.start - 60), ref.start)
    if before is not None and _is_adjective(text[ref.start : ref.end]):
        # "a plataforma chinesa", no name after it: the adjective is the description's own
        # ("multou a plataforma chinesa"), a reference to a platform, not the state.
        return True
    if before is None:
        mark = pack.country_describer.match(text, pos)
        noun = pack.company_noun.match(text, mark.end() if mark else pos)
        if noun is None and (mark is None or mark.end() == pos):
            return False
        pos = noun.end() if noun else mark.end() if mark else pos
    name_at = _QUOTE_GAP.match(text, pos)
    start = name_at.end() if name_at else pos
    return any(r.start == start and r.entity.role == "platform" for r in refs[i + 1 : i + 3])


class ReferenceReader:
    """Reads the parties of one sentence given the document context."""

    def __init__(self, ctx: DocContext, sent: Span) -> None:
        self.ctx = ctx
        self.sent = sent
        self.pack = ctx.pack
        self.refs = [r for r in ctx.mentions_from(sent.start, sent.end) if r.end <= sent.end]
        self.hits = find_triggers(self.pack, sent, ctx.trigger_hits)
        # Anaphora matter only where a trigger is: other sentences skip the scan.
        self.anaphors = self._find_anaphors() if self.hits else []
        # A state named inside a description it only qualifies is no party of the sentence.
        self.refs = [
            r
            for r in self.refs
            if not any(a.start < r.start and r.end < a.end for a in self.anaphors)
        ]
        # A closing attribution (", the minister said.") and the relative clauses.
        self.cited = (
            self.pack.attribution.search(sent.text)
            if self.hits and may_match(self.pack.attribution, ctx.low, sent.start, sent.end)
            else None
        )
        self.relatives = [
            (m.start(), m.end())
            for m in self.pack.relative_clause.finditer(ctx.text, sent.start, sent.end)
        ]
        # What a trigger's reading asks more than once, by place.
        self._participles: dict[tuple[int, int], bool] = {}
        self._clauses: dict[int, tuple[int, int]] = {}
        self._joins: list[tuple[int, int]] | None = None  # the sentence's clause joins
        self._clause_windows: dict[tuple[int, int, int], str] = {}
        self._prepositions: dict[tuple[int, bool], bool] = {}  # `after_preposition`
        self._left_out_ids: set[str] | None = None  # `_subject_candidates`
        self._glue: dict[tuple[int, int], bool] = {}  # `_is_glue`, by its stretch
        # `clause_stops` searched from a place to an end, by that end: the place and the
        # match (the first at or after any later place up to its start, see `clause_stop`)
        self._stops: dict[int, tuple[int, re.Match[str] | None]] = {}
        # Triggers whose subject the sentence leaves out, by place: where the platform
        # read as it was named (the evidence starts with that sentence).
        self.dropped: dict[int, int] = {}

    def holds(self, regex: re.Pattern[str], start: int, end: int) -> bool:
        """False only where `regex` cannot match within `text[start:end]` (`guards`): a
        pattern searched there, or in that stretch cut out, is run only where this holds."""
        return may_match(regex, self.ctx.low, start, end)

    def search_cut(self, regex: re.Pattern[str], start: int, end: int) -> re.Match[str] | None:
        """`regex.search` of `text[start:end]` cut out (its ends are the text's ends for
        anchors and lookaround), run only where `holds` says it may match."""
        if not self.holds(regex, start, end):
            return None
        return regex.search(self.ctx.text[start:end])

    def _participle(self, hit: Hit) -> bool:
        """Whether a trigger's head is a participle ("rejecting"), asked once per trigger."""
        key = (hit.start, hit.head_end)
        found = self._participles.get(key)
        if found is None:
            head = self.ctx.text[hit.start : hit.head_end]
            found = self._participles[key] = self.pack.participle.search(head) is not None
        return found

    def _find_anaphors(self) -> list[AnaphorMatch]:
        found: dict[tuple[int, int], list[Anaphor]] = {}
        for s, e, an in scan_anaphors(self.pack, self.ctx.low, self.sent.start, self.sent.end):
            inside = [r for r in self.refs + self.ctx.describers if r.start < e and s < r.end]
            if inside and (
                an.role != "platform"
                or not self.pack.state_described.search(self.ctx.text, s, e)
                or any(not self._describes_within(r, s, e) for r in inside)
            ):
                continue
            if not an.stands_before(self.ctx.text, e):
                continue
            if any(
                0 <= r.start - e <= 2 and not self.ctx.text[e : r.start].strip('"« ')
                for r in self.refs
            ):
                continue  # "the company Yandex": the name itself is the referent
            found.setdefault((s, e), []).append(an)
        out: list[AnaphorMatch] = []
        for s, e in sorted(found, key=lambda se: (se[0], -(se[1] - se[0]))):
            if out and s < out[-1].end:
                continue
            out.append(AnaphorMatch(s, e, tuple(found[(s, e)])))
        return out

    def _describes_within(self, ref: Ref, start: int, end: int) -> bool:
        """Whether a state named inside a description of a platform only says where the
        platform is from ("the US social media giant", "the Chinese-owned app"): its name
        stands after the description's first word and before its noun, as no possessor."""
        return (
            ref.entity.role == "country"
            and not ref.possessive
            and start < ref.start
            and ref.end < end
            and bool(self.ctx.text[start : ref.start].strip())
        )

    def resolved(self, role: str) -> list[Ref]:
        """What the sentence's anaphora of a role refer to, each at the anaphor's place."""
        return [ref for an in self.anaphors for ref in self._resolve(an, role)]

    def _resolve(self, an: AnaphorMatch, role: str, exclude: set[str] | None = None) -> list[Ref]:
        for pat in an.patterns:
            if pat.role != role:
                continue
            if pat.plural and role == "platform":
                group = self.ctx.recent_group(an.start)
                if pat.pronoun:  # "they" points back a sentence or two, not a page
                    group = [r for r in group if an.start - r.end <= PRONOUN_REACH]
                if pat.skip_kinds:  # "these companies": not the agency that reported on them
                    group = [r for r in group if r.entity.kind not in pat.skip_kinds]
                return [Ref(r.entity, an.start, an.end) for r in group]
            latest = self.ctx.latest_actor
            if pat.unnamed and role == "authority":
                state = self.ctx.story_state()
                unnamed = load_kb().unnamed_body(state.country, pat.kinds) if state else None
                if unnamed is not None:
                    return [Ref(unnamed, an.start, an.end)]
                continue
            if pat.state and role == "authority":
                named = next(
                    (
                        r
                        for r in self.refs
                        if r.entity.role == "country"
                        and (
                            0 <= r.start - an.end <= 4  # "authorities in Iran"
                            # "Moldovan authorities": the state's adjective right before
                            or (r.end <= an.start and not self.ctx.text[r.end : an.start].strip())
                        )
                    ),
                    None,
                )
                state = named.entity if named else self.ctx.story_state()
                if state is not None:
                    return [Ref(state, an.start, an.end)]
            owner = self._state_described(an) if role == "authority" and not pat.pronoun else None
            if owner is not None and not pat.latest_actor:
                body = self.ctx.recent(
                    an.start,
                    frozenset({role}),
                    pat.kinds,
                    exclude or set(),
                    pat.skip_kinds,
                    country=owner.country,
                )  # "o órgão antitruste da União Europeia": the EU's, not the body named last
                return [Ref(body.entity if body else owner, an.start, an.end)]
            if pat.latest_actor:
                if latest is not None and latest.role == role:
                    return [Ref(latest, an.start, an.end)]
                continue
            ref = self._sentence_subject(an, pat) if pat.pronoun else None
            topic = self.ctx.topic
            if ref is None and pat.pronoun and role == "authority" and topic is not None:
                ref = Ref(topic, an.start, an.end)  # "Russia has stepped up ... It began ..."
            if (
                ref is None
                and pat.pronoun
                and latest is not None
                and latest.role == role
                and (not pat.kinds or latest.kind in pat.kinds)
                and latest.kind not in pat.skip_kinds
            ):
                ref = Ref(latest, an.start, an.end)
            country = self._description_country(an) if role == "platform" else None
            if country is not None and not pat.pronoun:
                # "американская компания": the last platform of that country, where one is named
                ref = self.ctx.recent(
                    an.start,
                    frozenset({role}),
                    pat.kinds,
                    exclude or set(),
                    pat.skip_kinds,
                    skip_sources=True,
                    country=country,
                )
            ref = ref or self.ctx.recent(
                an.start,
                frozenset({role}),
                pat.kinds,
                exclude or set(),
                pat.skip_kinds,
                skip_sources=role == "platform",
            )
            if ref is not None and pat.pronoun and an.start - ref.end > PRONOUN_REACH:
                ref = None
            if (
                ref is not None
                and pat.pronoun
                and role == "platform"
                and self.pack.host_after.match(self.ctx.text, ref.end)
            ):
                ref = None  # "suspended a YouTube channel owned by X, accusing it": the channel
            if ref is not None and role == "platform" and not pat.pronoun:
                ref = self._salient(ref, pat, exclude or set(), country)

            if ref is not None and pat.company:
                ref = self._owner_named(ref, an.start) or ref
            if ref is not None:
                return [Ref(ref.entity, an.start, an.end)]
            if role == "authority" and not pat.pronoun:
                state = self.ctx.story_state()  # "the authorities" with no body named yet
                if state is not None:
                    # "the court" with no court named: the state's courts where the knowledge
                    # base files them as a body, which the reports name as such
                    unnamed = load_kb().unnamed_body(state.country, pat.kinds)
                    return [Ref(unnamed or state, an.start, an.end)]
        return []

    def _salient(
        self, ref: Ref, pat: Anaphor, exclude: set[str], country: str | None = None
    ) -> Ref:
        """A description ("the company") means the platform its sentence was about, not one
        named last in a phrase there ("X removed the posts on its network and on Y": X): a
        last name after a preposition gives way to one of the same sentence outside any, of
        the country the description names where it names one ("the US company")."""
        if not self._in_phrase_at(ref.start):
            return ref
        for other in reversed(self.ctx.mentions):
            if other.end > ref.start:
                continue
            if _SENTENCE_BREAK.search(self.ctx.text, other.end, ref.start):
                break
            ent = other.entity
            if ent.id == ref.entity.id or ent.id in exclude or ent.role != "platform":
                continue
            if (pat.kinds and ent.kind not in pat.kinds) or ent.kind in pat.skip_kinds:
                continue
            if country is not None and ent.country != country:
                continue
            if other.possessive or self.ctx.is_source(other) or self._in_phrase_at(other.start):
                continue
            return other
        return ref

    def _in_phrase_at(self, pos: int) -> bool:
        """Whether a name at a position stands after a preposition (in any sentence)."""
        lo = max(0, pos - 40)
        for brk in _SENTENCE_BREAK.finditer(self.ctx.text, lo, pos):
            lo = brk.end()
        return self.pack.preposition_before.search(self.ctx.text[lo:pos]) is not None

    def _owner_named(self, ref: Ref, before: int) -> Ref | None:
        """The owner of the platform `ref` names, where it is named in the same paragraph
        before `before` ("Instagram'ın sahibi Meta'ya Threads platformu nedeniyle")."""
        parent = platform_parents().get(ref.entity.id)
        if parent is None:
            return None
        para = self.ctx.paragraph_of(ref.start)[0]
        return next(
            (
                r
                for r in reversed(self.ctx.mentions)
                if r.entity.id == parent and para <= r.start and r.end <= before
            ),
            None,
        )

    def _state_described(self, an: AnaphorMatch) -> Entity | None:
        """The state an authority's description names right after it as the one it belongs
        to (`state_of`: "o órgão antitruste da União Europeia")."""
        for ref in self.refs:
            if ref.start < an.end:
                continue
            if ref.start - an.end > 40 or ref.entity.role != "country":
                return None
            gap = self.ctx.text[an.end : ref.start]
            return ref.entity if self.pack.state_of.match(gap) else None
        return None

    def _description_country(self, an: AnaphorMatch) -> str | None:
        """The country a description of a platform names in its words or in the two words
        right before it ("американскую компанию"). A country the knowledge base knows by name
        inside the description ("the US company") makes it no reference at all (see
        `_find_anaphors`)."""
        lo = max(self.sent.start, an.start - 40)
        before = _WORDS_BEFORE.search(self.ctx.text, lo, an.start)
        start = before.start() if before else an.start
        end = an.end
        for r in self.ctx.describers:  # "a plataforma chinesa": the adjective after it
            if 0 <= r.start - an.end <= 2 and not self.ctx.text[an.end : r.start].strip():
                end = r.end
        named = next(  # "the US company": a state named inside it
            (
                r.entity.country
                for r in self.ctx.mentions_from(an.start, an.end)
                if r.entity.role == "country" and r.end <= an.end and r.entity.country
            ),
            None,
        )
        return named or described_country(self.ctx.text[start:end])

    def _sentence_subject(self, an: AnaphorMatch, pat: Anaphor) -> Ref | None:
        """A pronoun in a subordinate clause refers to its sentence's subject."""
        for ref in self.refs:
            if ref.start >= an.start:
                break
            ent = ref.entity
            if ent.role != pat.role or ref.possessive or self.in_phrase(ref):
                continue
            if (pat.kinds and ent.kind not in pat.kinds) or ent.kind in pat.skip_kinds:
                continue
            if self.ctx.is_source(ref):  # "told Reuters that the court fined it"
                continue
            return ref
        return None

    def after_preposition(self, pos: int, titles: bool = True) -> bool:
        """A name inside a prepositional phrase ("in Pakistan") is not a subject."""
        key = (pos, titles)
        found = self._prepositions.get(key)
        if found is None:
            before = self.ctx.text[max(self.sent.start, pos - 40) : pos]
            m = self.pack.preposition_before.search(before)
            found = self._prepositions[key] = m is not None and (titles or not m.group("titles"))
        return found

    def in_phrase(self, ref: Ref) -> bool:
        """A name a preposition or a case ending puts in a phrase is not a subject, nor is
        its short form in brackets ("of the Supreme Court (STF)")."""
        if self.after_preposition(ref.start) or self.pack.case_after.match(self.ctx.text, ref.end):
            return True
        if self._modifier_in_phrase(ref):
            return True
        if self.ctx.text[max(self.sent.start, ref.start - 2) : ref.start].strip() != "(":
            return False
        named = next((r for r in self.refs if 0 <= ref.start - r.end <= 3), None)
        return named is not None and named.start < ref.start and self.in_phrase(named)

    def _modifier_in_phrase(self, ref: Ref) -> bool:
        """A state's name or adjective describing what follows it takes that one's case: a
        noun after it in a case that makes a phrase (`modifier_case_after`: "Instagram'ın
        Türk kanunlarına uymadığını", "Hindistan hükümetinin taleplerine"), or a name right
        after it that is in a phrase itself ("Google, Türk Rekabet Kurulu'nun cezasını
        ödedi": the authority's fine, and the state no subject)."""
        if ref.entity.role != "country" or ref.possessive:
            return False
        text = self.ctx.text
        if self.pack.modifier_case_after.match(text, ref.end):
            return True
        named = next((r for r in self.refs if r.start > ref.end), None)
        return (
            named is not None
            and not text[ref.end : named.start].strip()
            and named.entity.role != "country"
            # a platform right after a state's name is its object ("Rusya Telegram'ı
            # engelledi"); after its adjective, one it describes ("Çinli TikTok'a")
            and (named.entity.role != "platform" or _is_adjective(text[ref.start : ref.end]))
            and self.in_phrase(named)
        )

    def possessive_ok(self, ref: Ref, nouns: re.Pattern[str]) -> bool:
        """A possessive name ("Twitter's") counts only before certain nouns."""
        after = self.ctx.text[ref.end : ref.end + 40]
        rest = re.sub(r"^['’]s?\s*", "", after)
        return bool(nouns.match(rest))

    def _owns_named_body(self, ref: Ref) -> bool:
        """A state's own body named after it ("Sri Lanka's Telecommunications Regulatory
        Commission", "Thailand's digital ministry"): the state acts, where the body itself
        is not known by name."""
        if ref.entity.role != "country":
            return False
        rest = re.sub(r"^['’]s?\s*", "", self.ctx.text[ref.end : ref.end + 60])
        return rest[:1].isupper() or bool(self.pack.body_nouns.match(rest))

    def _subject_candidates(
        self, before: int, skip_platforms: bool, prepositions: bool = True
    ) -> list[tuple[int, str, list[Ref]]]:
        out: list[tuple[int, str, list[Ref]]] = []
        asides = [(lo, hi) for lo, hi in self.relatives if hi <= before]
        left_out = self._left_out_ids
        if left_out is None:  # the same for every trigger of the sentence
            left_out = self._left_out_ids = {r.entity.id for r in self.refs if self._left_out(r)}
        for ref in self.refs:
            if ref.end > before or (prepositions and self.in_phrase(ref)):
                continue
            if ref.entity.id in left_out:
                continue  # "кроме компании Google": not who the sentence is about
            if self.ctx.introduced_as_source(ref):
                continue  # "confirmed to the station NTV that ...": addressed, not acting
            if any(s <= ref.start < e for s, e in asides):
                continue  # "TikTok, which counts India as its market, said ..."
            if (
                ref.possessive
                and ref.entity.role == "authority"
                and self.possessive_ok(ref, self.pack.government_nouns)
            ):
                gov = self.ctx.governments.get(ref.entity.country or "")
                ref = Ref(gov, ref.start, ref.end) if gov else ref
            elif (
                ref.possessive
                and not self.possessive_ok(ref, self.pack.agent_nouns)
                and not self._owns_named_body(ref)
            ):
                continue
            if skip_platforms and ref.entity.role == "platform":
                continue
            out.append((ref.end, ref.entity.role, [ref]))
        for an in self.anaphors:
            if an.end > before or self.after_preposition(an.start, titles=False):
                continue
            if an.pronoun and self.pack.object_pronoun.match(self.ctx.text[an.start : an.end]):
                continue  # "их", "them": an object, whatever it refers to
            if any(p.state for p in an.patterns) and self.pack.state_anaphor_case.search(
                self.ctx.low[an.start : an.end]
            ):
                continue  # "Twitter, Rus yetkililerin taleplerini reddetti": in a phrase
            if an.pronoun and self.pack.provider_speakers.search(
                self.ctx.text, self.sent.start, an.start
            ):
                continue  # "operators confirmed that they ...": the providers, unnamed
            if an.pronoun:
                # A pronoun after the sentence's subject is that subject, whatever its role
                # ("The Kremlin said it would not block ...").
                subj = self._pronoun_subject(an)
                if subj is not None:
                    if not (skip_platforms and subj.entity.role == "platform"):
                        out.append((an.end, subj.entity.role, [subj]))
                    continue
            for role in ("authority", "platform"):
                if skip_platforms and role == "platform":
                    continue
                resolved = [r for r in self._resolve(an, role) if r.entity.id not in left_out]
                if resolved:
                    out.append((an.end, role, resolved))
        return sorted(out, key=lambda c: c[0])

    def _left_out(self, ref: Ref) -> bool:
        """Whether the sentence names someone only to leave them out ("except Google")."""
        lo = max(self.sent.start, ref.start - 40)
        return self.pack.exclusion_before.search(self.ctx.text, lo, ref.start) is not None

    def _pronoun_subject(self, an: AnaphorMatch) -> Ref | None:
        """The sentence's subject when it is a name before the pronoun."""
        first = next(
            (
                r
                for r in self.refs
                if not r.possessive
                and not self.in_phrase(r)
                and not self.ctx.introduced_as_source(r)
            ),
            None,
        )
        first_pronoun = next((a for a in self.anaphors if a.pronoun), None)
        opener = next((a for a in self.anaphors if not a.pronoun), None)
        if (
            opener is not None
            and opener.end <= an.start
            and (first is None or opener.start < first.start)
            and not self.ctx.text[self.sent.start : opener.start].strip()
        ):
            # "The commission stated that it restricted ...": what the sentence opens with
            roles = [
                r for r in ("platform", "authority") if any(p.role == r for p in opener.patterns)
            ]
            for role in roles:
                found = self._resolve(opener, role)
                if found:
                    return Ref(found[0].entity, an.start, an.end)
            if roles != ["authority"]:
                return None
            state = self.ctx.story_state()  # a body the story does not name: its state's
            return Ref(state, an.start, an.end) if state is not None else None
        if first is None or first.start >= an.start:
            return None
        if first_pronoun is not None and first_pronoun.start < first.start:
            return None  # "In July it blocked X, and ... it blocked Y": the same "it"
        for pat in an.patterns:
            if pat.plural or first.entity.role != pat.role:
                continue
            if (pat.kinds and first.entity.kind not in pat.kinds) or (
                first.entity.kind in pat.skip_kinds
            ):
                continue
            return Ref(first.entity, an.start, an.end)
        return None

    def subject(self, hit: Hit, expected: str) -> tuple[str, list[Ref]]:
        """The nearest name or anaphor before the trigger: (role, entities)."""
        antecedent = self._relative_antecedent(hit)
        if antecedent is not None:  # "taking the cue from Saudi Arabia, which has banned X"
            return antecedent.entity.role, [antecedent]
        before_text = self.ctx.text[self.sent.start : hit.start]
        head = self.ctx.text[hit.start : hit.head_end]
        if self._participle(hit) and (
            re.search(r",\s*$", before_text)
            or self.search_cut(self.pack.participle_opener, self.sent.start, hit.start)
        ):
            # A participial adjunct (", warning that ...") shares the main clause's subject.
            wanted = ("platform",) if expected == "platform" else ("authority", "country")
            for cand in self._subject_candidates(hit.start, skip_platforms=False):
                if cand[1] in wanted:
                    return cand[1], cand[2]
        verb = head.split()[0] if head.strip() else ""
        if self.pack.participle.search(verb):
            # "with Roskomnadzor slowing Twitter": a body in a phrase right before a
            # participle is its subject.
            last = next((r for r in reversed(self.refs) if r.end <= hit.start), None)
            gap = self.ctx.text[last.end : hit.start] if last is not None else ""
            if (
                last is not None
                and last.entity.role in ("authority", "country")
                and not last.possessive
                and self.in_phrase(last)
                and len(gap.split()) <= 1
                and not re.search(r"[^\w\s]", gap)
            ):
                return last.entity.role, [last]
        if self.search_cut(self.pack.coordination, self.sent.start, hit.start):
            # "fined Telegram and ordered it ...": the subject is the first verb's subject.
            for cand in self._subject_candidates(hit.start, skip_platforms=False):
                if cand[1] in ("authority", "country"):
                    return cand[1], cand[2]
        skip = self.search_cut(self.pack.by_gerund, self.sent.start, hit.start) is not None
        if skip:
            # "by slowing it down" is the act of the clause's subject: a platform's own act
            # where the sentence opens with one ("Spark and Vodafone responded by blocking").
            first = self._subject_candidates(hit.start, skip_platforms=False)[:1]
            if first and first[0][1] == "platform":
                return first[0][1], first[0][2]
        # A passive participle's subject may sit in a phrase: "handed to X, summoned ...".
        cands = self._subject_candidates(
            hit.start, skip_platforms=skip, prepositions=hit.trigger.voice != "passive"
        )
        end = cands[-1][0] if cands else self.sent.start
        if search(self.pack.unnamed_authority, self.ctx.text, self.ctx.low, end, hit.start):
            return "authority", []  # "a court fined ...": an authority, named by the story
        if not cands:
            dropped = self._dropped_subject(hit, expected)
            return (dropped.entity.role, [dropped]) if dropped is not None else ("", [])
        same_place = [c for c in cands if c[0] == end]
        role, refs = next(((r, x) for _, r, x in same_place if r == expected), same_place[0][1:])
        if role == "platform" and len(refs) == 1 and refs[0].end > refs[0].start:
            refs = self._list_backward(refs[0], PLATFORM)
        elif len(refs) == 1 and refs[0].end > refs[0].start:
            # States or bodies joined by a conjunction ("Russia and Belarus"); a comma alone
            # sets off an apposition ("the court's judge, Alexandre de Moraes,").
            listed = self._list_backward(refs[0], STATE_ROLES)
            if len(listed) > 1 and "," not in self.ctx.text[listed[-2].end : listed[-1].start]:
                refs = listed
        return role, refs

    def _dropped_subject(self, hit: Hit, expected: str) -> Ref | None:
        """The platform a verb with no subject written stands for, where the pack's
        language leaves subjects out (`drops_subjects`) and nothing but `subjectless_before`
        precedes the verb in its sentence: a platform's answer or a passive act ("O Telegram
        foi notificado ontem. Descumpriu a ordem.") has the platform last acting or acted
        on, named in the sentence before or the one before that, within the paragraph; not
        a passive act whose subject follows it (`subject_after`). A state's act with no
        subject is left to the state that acted last (`actor_fallback`): taking the subject
        of the sentence before for it read false fines."""
        if not self.pack.drops_subjects:
            return None
        if expected != "platform" and hit.trigger.voice != "passive":
            return None
        if not self.pack.subjectless_before.fullmatch(self.ctx.text, self.sent.start, hit.start):
            return None
        if hit.trigger.voice == "passive" and self.pack.subject_after.match(
            self.ctx.text, hit.end, self.sent.end
        ):
            return None  # "Foi suspenso o julgamento": its subject follows it
        ref = self.ctx.recent(self.sent.start, PLATFORM, skip_sources=True)
        if ref is None or ref.start < self.ctx.paragraph_of(self.sent.start)[0]:
            return None
        if len(_SENTENCE_BREAK.findall(self.ctx.text, ref.end, self.sent.start)) > 2:
            return None  # more than the sentence before or the one before that
        self.dropped[hit.start] = ref.start
        return Ref(ref.entity, self.sent.start, self.sent.start)

    def _relative_antecedent(self, hit: Hit) -> Ref | None:
        """The name a relative clause holding the trigger hangs on (the name right before
        its comma), whatever preposition comes before that name."""
        for start, end in self.relatives:
            if not start < hit.start < end:
                continue
            if self.ctx.text[start : hit.start].count(",") > 1:
                return None  # a second comma: the trigger stands past the clause
            return next(
                (r for r in self.refs if 0 <= start - r.end <= 1 and not r.possessive), None
            )
        return None

    def _list_backward(self, last: Ref, roles: frozenset[str]) -> list[Ref]:
        owner = self._describer(last, last.end + 2)
        if owner is not None and owner.entity.role in roles:
            last = owner  # the products its apposition names describe the owner, who acts
        items = [last]
        front = last.start  # where the list read so far begins
        for ref in reversed(self.refs):
            if ref.end > front or ref.entity.role not in roles or ref.possessive:
                continue  # "ByteDance's Helo": the owner is not an item of the list
            if self._described_in(ref, front):
                continue  # "Meta, which owns Facebook, and Google": Facebook describes Meta
            if self._names_next(ref, front):
                front = ref.start  # "Apple App Store": the owner's name describes the item
                continue
            if not self._is_glue(ref.end, front):
                if self.pack.products_of.match(self.ctx.text[ref.end : front]):
                    return [ref]  # "Meta, the parent company of Facebook and WhatsApp,"
                break
            items.append(ref)
            front = ref.start
        return list(reversed(items))

    def _apposition_end(self, start: int, end: int) -> int | None:
        """Where an apposition or relative clause describing the name that ends at `start`
        (`apposition`: ", formerly known as Twitter,", ", a unit of Alphabet,") ends, its
        closing comma before `end`; None where none opens there."""
        if "," not in self.ctx.text[start : start + 3]:
            return None
        m = self.pack.apposition.match(self.ctx.text, start, end)
        return m.end() if m is not None else None

    def _apposition_around(self, start: int, pos: int) -> int | None:
        """Where an apposition holding `pos` ends, where one opens right after a name of
        the sentence between `start` and `pos` and goes on to list glue and another name
        (", which makes the iPhone, and Meta"); None otherwise."""
        for ref in self.refs:
            if ref.end > pos:
                return None
            if ref.start < start:
                continue
            close = self._apposition_end(ref.end, self.sent.end)
            if close is None or close <= pos:
                continue
            nxt = next((r for r in self.refs if r.start >= close), None)
            if nxt is not None and self._is_glue(ref.end, nxt.start):
                return close
        return None

    def _described_in(self, ref: Ref, end: int) -> bool:
        """Whether a name stands inside the apposition of an earlier name of the sentence
        that closes before `end`: it describes that name, it is no item of a list."""
        return self._describer(ref, end) is not None

    def _describer(self, ref: Ref, end: int) -> Ref | None:
        """The earlier name of the sentence whose apposition, closing before `end`, holds
        `ref` or goes on listing its products after its closing comma ("Meta, which owns
        Facebook, Instagram and WhatsApp, refused": Meta refused); None where none does."""
        for other in self.refs:
            if other.end > ref.start:
                return None
            close = self._apposition_end(other.end, end)
            if close is not None and ref.end < close:
                return other
            if (
                close is not None
                and platform_parents().get(ref.entity.id) == other.entity.id
                and self._products_listed(close - 1, ref.start)
            ):
                return other
        return None

    def _products_listed(self, start: int, end: int) -> bool:
        """Only list glue and names between an apposition's closing comma and a name: the
        apposition's list of products goes on ("which owns Facebook, Instagram and")."""
        pos = start
        for r in self.refs:
            if r.start < start or r.end > end:
                continue
            if not self.pack.list_glue.fullmatch(self.ctx.text[pos : r.start]):
                return False
            pos = r.end
        return bool(self.pack.list_glue.fullmatch(self.ctx.text[pos:end]))

    def _names_next(self, ref: Ref, start: int) -> bool:
        """Whether a platform's name stands right before another's (one space between):
        it names the next one's owner or maker, whose product is the item ("Apple App
        Store")."""
        return (
            ref.entity.role == "platform"
            and self.ctx.text[ref.end : start] == " "
            and self.ctx.text[ref.end - 1].isalnum()  # "Facebook Inc. Viber": a list
            and any(r.start == start and r.entity.role == "platform" for r in self.refs)
        )

    def _is_glue(self, start: int, end: int) -> bool:
        """Only list punctuation, conjunctions, descriptors and money between two names,
        after an apposition describing the first ("X, formerly known as Twitter, and Y");
        read once per stretch (it depends on the sentence's names and the text alone)."""
        found = self._glue.get((start, end))
        if found is None:
            found = self._glue[(start, end)] = self._read_glue(start, end)
        return found

    def _read_glue(self, start: int, end: int) -> bool:
        close = self._apposition_end(start, end)
        start = start if close is None else close - 1  # its closing comma goes on with the list
        gap = self.ctx.text[start:end]
        for m in self.ctx.money:
            if start <= m.start and m.end <= end:
                gap = gap.replace(self.ctx.text[m.start : m.end], " ")
        for r in self.refs:
            # A state named as where an item is from describes it ("the Belarusian Euroradio
            # and the Estonian Postimees"): the list goes on.
            if r.entity.role == "country" and not r.possessive and start <= r.start <= r.end <= end:
                gap = gap[: r.start - start] + " " * (r.end - r.start) + gap[r.end - start :]
        for r in self.refs:
            # The owner of the next item ("..., Meta Platforms' Facebook, ..."): its name
            # says whose the item is, and the list goes on.
            if (
                r.possessive
                and start <= r.start
                and r.end <= end
                and _TICKER.sub(" ", self.ctx.text[r.end : end]).strip(" '’s") == ""
            ):
                gap = gap[: r.start - start]
        for r in self.refs:  # "..., Apple App Store": the maker's name says whose it is
            if start <= r.start and self._names_next(r, end):
                gap = gap[: r.start - start]
        for r in self.ctx.describers:  # "the Chinese-owned TikTok and ...": the same
            if start <= r.start <= r.end <= end:
                gap = gap[: r.start - start] + " " * (r.end - r.start) + gap[r.end - start :]
        gap = re.sub(r"\([^)]*\)", " ", gap)
        gap = _TICKER.sub(" ", gap)
        gap = _NEW_ITEM.sub(",", gap)  # an item on a new line is one more of the list
        gap = self.pack.list_descriptor.sub(" ", gap)
        gap = _UNKNOWN_ITEM.sub("", gap)
        return bool(self.pack.list_glue.match(gap))

    def clause_stop(self, pos: int, end: int) -> re.Match[str] | None:
        """`clause_stops.search(text, pos, end)`. A search from a place finds the first match
        that starts at or after it (what `re` tries at a place does not depend on where the
        search began, lookbehinds see the text before it), so one from an earlier place whose
        match starts at or after this one (or that found none) has found this one's too:
        the last search to each end is kept."""
        kept = self._stops.get(end)
        if kept is not None and kept[0] <= pos and (kept[1] is None or pos <= kept[1].start()):
            return kept[1]
        stop = self.pack.clause_stops.search(self.ctx.text, pos, end)
        self._stops[end] = (pos, stop)
        return stop

    def objects(self, hit: Hit, roles: frozenset[str]) -> list[Ref]:
        """Entities of the allowed roles in the clause after the trigger, as one list."""
        region_end = self.sent.end
        pos = hit.end
        while stop := self.clause_stop(pos, self.sent.end):
            region_end = stop.start()
            if any(r.start < stop.end() and stop.start() < r.end for r in self.refs):
                pos, region_end = stop.end(), self.sent.end
                continue  # a word of a name ("«За права человека»") ends no clause
            aside = self._apposition_around(hit.head_end, stop.start())
            if aside is not None:
                pos, region_end = aside, self.sent.end
                continue  # "fined Apple, which makes the iPhone, and Meta": the list goes on
            # A dash may open the list itself ("its products — Facebook and Instagram"), and
            # ", including" goes on with it ("a range of websites, including Twitter").
            opens = stop.group().strip() in _DASHES and not self._has_target(hit, region_end, roles)
            # A list set out line by line ("such as:\n- YouTube\n- Twitter") goes on too.
            listed = _NEW_ITEM.match(
                self.ctx.text, stop.start() if "\n" in stop.group() else stop.end()
            )
            # The stop may be the intro's own first word ("..., for example X and Y").
            examples = self.pack.list_intro.match(self.ctx.text, stop.end()) or (
                self.pack.list_intro.match(self.ctx.text, stop.start())
            )
            if not opens and not listed and not examples:
                break
            pos, region_end = stop.end(), self.sent.end
        if self.cited and self.sent.start + self.cited.start() >= hit.end:
            # ", the Interfax news agency reported": the outlet reports, it is not acted on.
            region_end = min(region_end, self.sent.start + self.cited.start())
        accept = roles | ({"authority"} if "country" in roles else set())
        cands = [
            r
            for r in map(partial(_as_platform, hit, roles), self.refs)
            if hit.head_end <= r.start
            and r.end <= region_end
            and r.entity.role in accept
            and not self.ctx.introduced_as_source(r)  # "..., informs The Insider": it reports
            # "summoned X's ambassador, the foreign ministry said on Tuesday, ...": a name
            # followed by a verb of saying is the speaker, not one acted on
            and not self.pack.speech_after.match(self.ctx.text, r.end)
        ]
        for an in self.anaphors:
            if not (hit.head_end <= an.start and an.end <= region_end):
                continue
            if an.pronoun and self.ctx.text[hit.head_end : an.start].strip().rstrip("-"):
                # "fined it", "multou-a" (joined to its verb) yes; a pronoun further on
                # belongs to another clause
                continue
            if not an.pronoun and self._describes_name(an.end, region_end, accept):
                continue  # "к порталу новостей Центральной Азии Procella.ru": its description
            if not an.pronoun and self._part_of_name(an.end, region_end, accept):
                continue  # "and the website of the BBC": the BBC's, named right after it
            for role in roles & {"platform", "authority"}:
                cands.extend(self._resolve(an, role))
        if any(
            r.entity.role in roles
            for r in self.refs
            if hit.head_end <= r.start and r.end <= region_end
        ):
            # Names in the clause outrank a pronoun ("banned its products: Facebook, ...").
            pronouns = {(a.start, a.end) for a in self.anaphors if a.pronoun}
            cands = [c for c in cands if (c.start, c.end) not in pronouns]
        cands.sort(key=lambda r: r.start)
        cands = [  # "fined WhatsApp owner Meta": the owner is fined
            r
            for i, r in enumerate(cands)
            if i + 1 == len(cands)
            or not self.pack.owner_apposition.match(self.ctx.text[r.end : cands[i + 1].start])
        ]
        cands = [  # "blocked Apple App Store": the owner's name describes the product
            r
            for i, r in enumerate(cands)
            if i + 1 == len(cands) or not self._names_next(r, cands[i + 1].start)
        ]
        items: list[Ref] = []
        for ref in cands:
            summoned = hit.trigger.type == "SUMMONS" and self.possessive_ok(
                ref, self.pack.agent_nouns
            )  # "summoned Weibo's boss": the company is called in
            examined = hit.trigger.type == "LEGAL_ACTION"
            # "a probe into WhatsApp's privacy policy": a case examines the conduct of the
            # company it names, whatever its conduct is called
            if (
                ref.possessive
                and not summoned
                and not examined
                and not self.possessive_ok(ref, self.pack.service_nouns)
            ):
                continue
            if (
                hit.trigger.type != "SUMMONS"
                and self.pack.person_heads.match(self.ctx.text, ref.end, region_end)
                or self.pack.person_before.search(
                    self.ctx.text, max(hit.head_end, ref.start - 40), ref.start
                )
            ):
                continue  # "charged the X channel's administrator": a person, not the platform
            if items and self._in_aside(items[-1].end, ref.start):
                continue  # "Meta (the parent company of Facebook), Microsoft": describes Meta
            close = self._apposition_end(items[-1].end, region_end) if items else None
            if close is not None and ref.start < close:
                continue  # "Meta, the owner of Facebook, and Google": Facebook describes Meta
            if close is not None and platform_parents().get(ref.entity.id) == items[-1].entity.id:
                continue  # "Meta, the parent company of Facebook, Instagram, and WhatsApp"
            if items and not self._is_glue(items[-1].end, ref.start):
                # "X and 30 other sites, including Y and Z": the examples the list gives
                # after a word that introduces them are acted on too.
                intro = self._intro_before(items[-1].end, ref.start)
                also = self.pack.list_also.match(self.ctx.text, items[-1].end, ref.start)
                if also is not None and not self.pack.clause_stops.search(
                    self.ctx.text, also.end(), ref.start
                ):
                    pass  # "..., а также сайтам издателя словарей ABBYY": one more object
                elif intro is None or (
                    self.ctx.text[intro : ref.start].strip() and not self._is_glue(intro, ref.start)
                ):
                    break
            items.append(ref)
        return unique_refs(items)

    def _describes_name(self, pos: int, end: int, roles: frozenset[str] | set[str]) -> bool:
        """Whether the next name after `pos` (before `end`) is of one of the roles and follows
        within four words with no punctuation, list word or preposition between: a noun
        phrase right before it ("the news portal Procella.ru") describes that name, it refers
        to no other."""
        nxt = next((r for r in self.refs if r.start >= pos), None)
        if nxt is None or nxt.end > end or nxt.entity.role not in roles:
            return False
        if not nxt.entity.known and self.ctx.text.startswith(("…", "..."), nxt.end):
            return False  # "the messenger platform Telegra…": a name cut off is no name
        words = self.ctx.text[pos : nxt.start].split()
        return (
            len(words) <= 4
            and not any(re.search(r"[^\w-]", w) for w in words)
            and not any(self.pack.list_glue.match(w) for w in words)
            # "обвинили платформу в поддержке X": a preposition opens another phrase
            and not any(
                self.pack.preposition_before.search(" " + " ".join(words[: i + 1]) + " ")
                for i in range(len(words))
            )
        )

    def _part_of_name(self, pos: int, end: int, roles: frozenset[str] | set[str]) -> bool:
        """Whether a description ending at `pos` is followed by a preposition alone and then
        a name of one of the roles, not possessive: "the website of the BBC" is a part of
        that name's, which the list goes on with, and refers to no other."""
        nxt = next((r for r in self.refs if r.start >= pos), None)
        if nxt is None or nxt.end > end or nxt.entity.role not in roles or nxt.possessive:
            return False
        between = self.ctx.text[pos : nxt.start]
        words = between.split()
        return (
            1 <= len(words) <= 2
            and not any(re.search(r"[^\w-]", w) for w in words)
            and bool(self.pack.preposition_before.search(" " + between.lstrip()))
            and not self.pack.preposition_before.search(" " + " ".join(words[1:]) + " ")
        )

    def _in_aside(self, start: int, end: int) -> bool:
        """Whether a bracket opened between two places is still open at the second."""
        gap = self.ctx.text[start:end]
        return gap.lstrip().startswith("(") and gap.count("(") > gap.count(")")

    def _intro_before(self, start: int, end: int) -> int | None:
        """Where the last word that introduces examples (`list_intro`) between two places
        ends, after a comma or a dash; None where there is none."""
        found = None
        for m in re.finditer(r"[,(—–]", self.ctx.text[start:end]):
            intro = self.pack.list_intro.match(self.ctx.text, start + m.end())
            if intro is not None and intro.end() <= end:
                found = intro.end()
        return found

    def _has_target(self, hit: Hit, end: int, roles: frozenset[str]) -> bool:
        return any(
            hit.head_end <= r.start and r.end <= end and r.entity.role in roles for r in self.refs
        )

    def by_agent(self, hit: Hit, role: str = "authority") -> Ref | None:
        """The authority (or platform) named after 'by' in a passive clause (inside a long
        trigger too: "testified before a Senate Judiciary Committee hearing")."""
        for ref in self.refs:
            if ref.start >= hit.head_end and ref.entity.role == role:
                between = self.ctx.text[hit.head_end : ref.start]
                # "by X" right before the name, or any "by" in a short stretch
                near = self.pack.agent_marker.search(between[-_AGENT_REACH:])
                if self.pack.agent_marker.search(between) and (len(between) < 60 or near):
                    return ref
        return None

    def possessor(self, hit: Hit) -> Entity | None:
        """The authority whose act a noun names ("its investigation", "the FSB's demand")."""
        before = self.ctx.text[max(self.sent.start, hit.start - 40) : hit.start]
        if not self.pack.possessive_determiner.search(before):
            return None
        ref = next(
            (r for r in reversed(self.refs) if r.end <= hit.start and hit.start - r.end < 40), None
        )
        if ref is not None and ref.possessive and ref.entity.role == "authority":
            return ref.entity
        found = self.ctx.recent(hit.start, AUTHORITY, skip_kinds=PERSON_KINDS)
        if found is None or self._other_state_since(found, hit.start):
            return None
        if found.start < self.sent.start and (official := self._official_opening(hit)):
            return official  # "Altun, ... olarak nitelendirdi": not a body named before
        return found.entity

    def _official_opening(self, hit: Hit) -> Entity | None:
        """The official whose name opens the sentence before the act (after a title at most,
        with no clause before it) and stands in no phrase: the sentence's subject."""
        first = next((r for r in self.refs if self.sent.start <= r.start < hit.start), None)
        if first is None or first.entity.role != "authority" or first.possessive:
            return None
        if first.entity.kind not in PERSON_KINDS or self.in_phrase(first):
            return None
        opening = self.ctx.text[self.sent.start : first.start]
        return None if any(c in opening for c in ",;:()") else first.entity

    def _other_state_since(self, body: Ref, pos: int) -> bool:
        """Whether the sentence names another state than the body's, as no possessor and in
        no phrase, after the body and before `pos`: that state acts, not the body named
        last ("Roskomnadzor, Twitter'a erişimi engelledi. Türkiye de Twitter'ı engelledi")."""
        return any(
            r.entity.role == "country"
            and r.entity.country != body.entity.country
            and body.end <= r.start
            and r.end <= pos
            and not r.possessive
            and not self.in_phrase(r)
            for r in self.refs
        )

    def attribution(self) -> Entity | None:
        """The authority a sentence is attributed to (", the minister said.")."""
        m = self.cited
        if not m:
            return None
        start = self.sent.start + m.start()
        end = self.sent.start + m.end() + 60  # an opening cue names its source after it
        named = next(
            (
                r.entity
                for r in self.refs
                if start <= r.start < end and r.entity.role == "authority"
            ),
            None,
        )
        if named is not None:
            return named
        for an in self.anaphors:  # "according to the agency", "по данным ведомства"
            if start <= an.start < end and not an.pronoun:
                found = self._resolve(an, "authority")
                if found:
                    return found[0].entity
        return None
