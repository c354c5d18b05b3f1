"""Which documents can link with which: the blocks that let Spark link cases in parallel.

The store links one report at a time against every open case of the same type and
subject, so linking cannot simply be split by key: a story's copies share sources and
dates across subjects, and an act near the end of a month links with one reported in the
first days of the next. What can be split are sets of documents closed under linking:

- documents of one near-duplicate story (MinHash LSH candidates, then the store's
  similarity threshold) always go together;
- reports of one (type, subject) go together when their possible dates come within
  BLOCK_GAP of each other: blocking by type, subject and time, where a block spans as many
  months as the reports chain across. A report that no date bounds (an undated document)
  could join any case of its type and subject, so it puts all of them in one block.

Linking never crosses two such components, so each can be handed to the store's own code
separately (`store.replay`) and the union of their cases is the store's. These are pure
functions over small tuples: the driver runs them on one tuple per event and one per
near-duplicate pair, while Spark does the work per document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clampdown.link.cases import LINK_WINDOW, UNDATED_WINDOW, Report, subject_and_party
from clampdown.link.stories import UnionFind

# A case's dates stay within its reports' dates, whose gaps linking keeps under LINK_WINDOW;
# the rest is margin against reconciling moving a case's bounds between batches.
BLOCK_GAP = 2 * LINK_WINDOW + UNDATED_WINDOW


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as blocking sees it: its document's position and its possible dates."""

    pos: int
    type: str
    subject: str | None
    lo: int | None  # date ordinals; None when nothing bounds the date
    hi: int | None


def mention(
    pos: int,
    type_: str,
    actor_id: str | None,
    target_id: str | None,
    day: str | None,
    published: date | None,
) -> Mention:
    """Blocking's view of an event, with the store's own subject and date interval.

    An undated document's events count as unbounded: the store may date the document
    later (from its copies or cases) and extract it again.
    """
    subject, party = subject_and_party(type_, actor_id, target_id)
    if published is None:
        return Mention(pos, type_, subject, None, None)
    iv = Report(0, 0, type_, subject, party, None, "done", day, published).interval()
    if iv is None:
        return Mention(pos, type_, subject, None, None)
    return Mention(pos, type_, subject, iv[0].toordinal(), iv[1].toordinal())


def block_pairs(mentions: Iterable[Mention]) -> Iterable[tuple[int, int]]:
    """Pairs of documents whose reports may link: consecutive members of each block."""
    by_key: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        if m.subject:  # a report with no subject never links; its case is its own
            by_key.setdefault((m.type, m.subject), []).append(m)
    gap = BLOCK_GAP.days
    for group in by_key.values():
        if any(m.lo is None for m in group):
            first = group[0].pos
            for m in group[1:]:
                yield first, m.pos
            continue
        group.sort(key=lambda m: (m.lo, m.hi))
        reach = group[0].hi
        for prev, m in zip(group, group[1:], strict=False):
            assert m.lo is not None and m.hi is not None and reach is not None
            if m.lo <= reach + gap:
                yield prev.pos, m.pos
            reach = m.hi if m.lo > reach + gap else max(reach, m.hi)


def components(
    event_docs: Iterable[int], story_of: dict[int, int], mentions: Iterable[Mention]
) -> dict[int, int]:
    """Component (its smallest position) of every document whose linking matters: each
    document with events, and every copy in a story with one."""
    uf: UnionFind[int] = UnionFind()
    for pos in event_docs:
        uf.add(pos)
    for a, b in block_pairs(mentions):
        uf.union(a, b)
    relevant = {uf.find(x) for x in uf.parent}
    for pos, root in story_of.items():
        if pos != root:
            uf.union(pos, root)
    roots = {x: uf.find(x) for x in list(uf.parent)}
    # A story none of whose documents has events makes no case: leave it out.
    wanted = {uf.find(r) for r in relevant}
    return {x: r for x, r in roots.items() if r in wanted}
