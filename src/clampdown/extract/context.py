"""What extraction knows about a whole document while it reads one sentence.

References to entities (by name or resolved pronoun), the money and dates of the text,
and the running state a reader needs across sentences: the last actor, a pending amount,
the source a paragraph cites.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from clampdown.extract.guards import search
from clampdown.extract.language import LanguagePack, casefold_same_length
from clampdown.extract.triggers import Hit, scan_triggers
from clampdown.model import DateMention, Entity, Event, Money
from clampdown.resolve.kb import load_kb

PLATFORM = frozenset({"platform"})


@dataclass(frozen=True, slots=True)
class Ref:
    """An entity referred to at a place: by its name, or by a resolved anaphor."""

    entity: Entity
    start: int
    end: int
    possessive: bool = False


# An act whose object is a kind of platform ("blocked popular social networks"), waiting
# for the next sentence to name them as a list ("Facebook, X and WhatsApp"): given the
# platforms named, it builds the act's events.
AwaitedList = Callable[[list[Ref]], list[Event]]


class DocumentDates(Protocol):
    """When a document was published and what dates it states; a reader may work them out
    only when first asked (most documents never need them)."""

    @property
    def published(self) -> str | None:
        """The publication day, or its month or year alone."""

    @property
    def dates(self) -> list[DateMention]:
        """Every date of the text, in order."""

    @property
    def news_date(self) -> str | None:
        """The first recent date of the story: the lede's date."""

    def within(self, start: int, end: int) -> list[DateMention]:
        """The dates that lie within [start, end) (the text's dates need not be worked out
        where none can)."""


@dataclass(slots=True)
class DocContext:
    """What extraction knows about the whole document while it reads one sentence."""

    text: str
    pack: LanguagePack
    mentions: list[Ref]
    money: list[Money]
    # The publication date, the text's dates and the lede's date (see `DocumentDates`).
    when: DocumentDates
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    countries: dict[str, Entity] = field(default_factory=dict)
    governments: dict[str, Entity] = field(default_factory=dict)
    # No publication day of its own: `published` is the text's latest date, or none.
    undated: bool = False
    authority_counts: Counter[str] = field(default_factory=Counter)
    country_counts: Counter[str] = field(default_factory=Counter)
    by_id: dict[str, Entity] = field(default_factory=dict)
    # Countries named only to describe a company, platform or outlet ("Chinese-owned TikTok",
    # see `describes_company`): out of `mentions`, no party to any act, but a reference the
    # description holds ("the US company") and a list's glue ("the Belarusian X and ...").
    describers: list[Ref] = field(default_factory=list)
    pending_amounts: list[Money] = field(default_factory=list)
    # An act on a kind of platform not yet named ("blocked 22 news websites"): the list of
    # names the next sentence gives completes it (see `AwaitedList`).
    awaited: AwaitedList | None = None
    # Where a pack names what opens the list (`list_opener`), one sentence that names no
    # platform may come between the act and its list ("... ограничения сняли. Речь идет о").
    awaited_kept: bool = False
    lede_end: int = 0  # the first prose paragraph reports the news itself
    source: tuple[Entity, tuple[int, int]] | None = None  # last cited authority, its paragraph
    latest_actor: Entity | None = None  # who acted in the last event read: "the order" is theirs
    # The state or body the last sentence was about when it reported no act ("Russia has
    # stepped up pressure ..."): the "it" of the next sentence.
    topic: Entity | None = None

    # Whether second-chance candidates are read at all (only when something keeps them).
    candidates: bool = False
    trigger_hits: list[Hit] = field(default_factory=list)
    low: str = ""  # the text lower-cased, offsets unchanged: patterns match on it
    mention_starts: list[int] = field(default_factory=list)
    # The values of the expressions a date's own words hold, read alone (`basis_of`): the
    # document dates its few expressions again for each act it reads.
    read_alone: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    # Whether a verb of reporting introduces the name at a place (`introduced_as_source`),
    # by its start: each sentence's readers ask it of the same names again and again.
    sources_at: dict[int, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.low:  # given by the caller where it already scanned the text
            self.low = casefold_same_length(self.text)
            self.trigger_hits = scan_triggers(self.pack, self.text, self.low)
        self.mention_starts = [r.start for r in self.mentions]
        kb = load_kb()
        for ref in self.mentions:
            self.by_id[ref.entity.id] = ref.entity
            if ref.entity.role == "person" and ref.entity.id in kb.heads:
                # the platform its head stands for ("warned Musk", see `references`)
                owner = kb.entities.get(kb.heads[ref.entity.id])
                if owner is not None:
                    self.by_id.setdefault(owner.id, owner)
            if ref.entity.role == "authority":
                self.authority_counts[ref.entity.id] += 1
            if ref.entity.country and ref.entity.role != "platform":
                self.country_counts[ref.entity.country] += 1

    def mentions_from(self, start: int, end: int) -> list[Ref]:
        """The references that start in [start, end), in text order: a slice of the sorted
        mentions, no scan (one may run past `end`)."""
        starts = self.mention_starts
        return self.mentions[bisect_left(starts, start) : bisect_left(starts, end)]

    @property
    def published(self) -> str | None:
        """The publication day, or its month or year alone."""
        return self.when.published

    @property
    def dates(self) -> list[DateMention]:
        return self.when.dates

    @property
    def news_date(self) -> str | None:
        """The first recent date of the story: the lede's date."""
        return self.when.news_date

    def recent(
        self,
        before: int,
        roles: frozenset[str],
        kinds: frozenset[str] = frozenset(),
        exclude: frozenset[str] | set[str] = frozenset(),
        skip_kinds: frozenset[str] = frozenset(),
        skip_sources: bool = False,
        country: str | None = None,
    ) -> Ref | None:
        """The last entity of a role (and kind) named before a position; with `skip_sources`,
        not an outlet named as the source of a report ("..., сообщает ТАСС"); with `country`,
        one of that country ("the American company"). A mention starting after `before`
        ends after it: only those before are walked, from the last."""
        mentions = self.mentions
        for i in range(bisect_right(self.mention_starts, before) - 1, -1, -1):
            ref = mentions[i]
            ent = ref.entity
            if ref.end > before or ent.id in exclude or ent.role not in roles:
                continue
            if country is not None and ent.country != country:
                continue
            if (kinds and ent.kind not in kinds) or ent.kind in skip_kinds:
                continue
            if skip_sources and self.is_source(ref):
                continue
            return ref
        return None

    def is_source(self, ref: Ref) -> bool:
        """A name that reports rather than takes part: an outlet that says ("TASS reported"),
        or any name a verb of reporting introduces (`introduced_as_source`)."""
        says = ref.entity.kind == "news_outlet" and (
            self.pack.speech_after.match(self.text, ref.end)
            or self.pack.told_before.search(self.text, max(0, ref.start - 30), ref.start)
            or self.pack.reporter_before.search(self.text, max(0, ref.start - 40), ref.start)
            or self.pack.reporter_after.match(self.text, ref.end)
        )
        return bool(says) or self.introduced_as_source(ref)

    def introduced_as_source(self, ref: Ref) -> bool:
        """A name a verb of reporting introduces ("пишет ТАСС", "according to Reuters")."""
        found = self.sources_at.get(ref.start)
        if found is None:
            lo = max(0, ref.start - 40)
            found = search(self.pack.source_before, self.text, self.low, lo, ref.start) is not None
            self.sources_at[ref.start] = found
        return found

    def recent_group(self, before: int) -> list[Ref]:
        """The platforms last named together ("both companies", "they"); an owner counts
        ("rejects Google's appeal, accepts Apple's: both tech giants ..."), but not one named
        as a product's owner in passing ("WhatsApp (owned by Meta)"), nor an outlet that
        only reports ("as translated by Reuters")."""
        refs = [
            r
            for r in self.mentions
            if r.entity.role == "platform"
            and r.end <= before
            and not (r.possessive and self.pack.names_owner(self.text, r.start))
            and not self.is_source(r)
        ]
        for i in range(len(refs) - 1, -1, -1):
            last = refs[i]
            para = self.paragraph_of(last.start)
            group = unique_refs(
                [r for r in refs[: i + 1] if max(para[0], last.start - 200) <= r.start]
            )
            if len(group) >= 2:
                return group
        return refs[-1:]

    def main_authority(self, country: str | None = None) -> Entity | None:
        for ent_id, _ in self.authority_counts.most_common():
            ent = self.by_id[ent_id]
            if country is None or ent.country == country:
                return ent
        return None

    def main_country(self) -> str | None:
        common = self.country_counts.most_common(1)
        return common[0][0] if common else None

    def story_state(self) -> Entity | None:
        """The state a story is about, the actor of acts whose agent goes unnamed."""
        return self.countries.get(self.main_country() or "")

    def story_state_besides(self, start: int, end: int) -> Entity | None:
        """The story's state where the text names it (or a body of it) outside [start, end):
        a state named only inside what an act says ("accused TikTok of sharing data with
        China") is what the act is about, not who the story says acts."""
        state = self.story_state()
        if state is None:
            return None
        named = (
            r
            for r in self.mentions
            if r.entity.country == state.country and r.entity.role != "platform"
        )
        return state if any(r.start < start or r.start >= end for r in named) else None

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= pos < end:
                return start, end
        return 0, len(self.text)

    def dates_within(self, start: int, end: int) -> list[DateMention]:
        return self.when.within(start, end)

    def date_values(self, start: int, end: int) -> list[DateMention]:
        return [d for d in self.dates if start <= d.start < end and d.value]


def unique_refs(refs: list[Ref]) -> list[Ref]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.entity.id not in seen:
            seen.add(r.entity.id)
            out.append(r)
    return out
