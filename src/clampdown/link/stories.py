"""Stories: near-duplicate copies of one article, joined into disjoint sets.

Pure, with no database: the store (`store/stories.py`) finds which earlier documents a new
one nearly duplicates and hands the matches here, in arrival order; the Spark job
(`spark/plan.py`) joins its near-duplicate pairs with the same sets, so both make the same
stories.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T", bound=Hashable)
# A story as the store knows it while grouping a batch: ("db", story id) for a stored one,
# ("new", i) for the one the batch's i-th new document starts.
Handle = tuple[str, int]


def _itself(x: Any) -> Any:
    return x


class UnionFind(Generic[T]):
    """Disjoint sets; the root of a set is the member `rank` puts first."""

    def __init__(self, rank: Callable[[T], Any] = _itself) -> None:
        self.parent: dict[T, T] = {}
        self.rank = rank

    def add(self, x: T) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: T) -> T:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: T, b: T) -> T:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        keep, drop = (ra, rb) if self.rank(ra) <= self.rank(rb) else (rb, ra)
        self.parent[drop] = keep
        self.parent.setdefault(keep, keep)
        return keep


def story_roots(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Root (smallest member) of every document in a near-duplicate pair: the components of
    the pair graph, as the store's grouping makes them."""
    sets: UnionFind[int] = UnionFind()
    for a, b in pairs:
        sets.union(a, b)
    return {x: sets.find(x) for x in list(sets.parent)}


def _handle_rank(h: Handle) -> tuple[int, int]:
    """Stored stories first, the oldest first; a new story folds into a stored one."""
    return (0 if h[0] == "db" else 1, h[1])


@dataclass
class StoryGrouping:
    """New documents, in arrival order, each into the story of its near-duplicates.

    A document matching nothing starts a story; one matching several joins them all, into
    the oldest stored story if any.
    """

    handles: list[Handle] = field(default_factory=list)
    _sets: UnionFind[Handle] = field(default_factory=lambda: UnionFind(_handle_rank))

    def add(self, matches: Iterable[tuple[float, Handle]]) -> None:
        """The next document, with (similarity, story) of each earlier document it nearly
        duplicates; a match with the batch's j-th document names `handles[j]`."""
        best: tuple[float, Handle] | None = None
        matched: list[Handle] = []
        for sim, h in matches:
            matched.append(h)
            if best is None or sim > best[0]:
                best = (sim, h)
        if best is None:
            h = ("new", len(self.handles))
            self._sets.add(h)
        else:
            h = best[1]
            for other in matched:
                h = self._sets.union(h, other)
        self.handles.append(h)

    def roots(self) -> list[Handle]:
        """The story of each document added, in order."""
        return [self._sets.find(h) for h in self.handles]

    def merged(self) -> dict[Handle, Handle]:
        """Stored stories that a bridging document joined into another, and that other."""
        return {h: r for h in list(self._sets.parent) if h[0] == "db"
                and (r := self._sets.find(h)) != h}
