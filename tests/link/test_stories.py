"""Story grouping without a database: which new documents join which stories."""

from __future__ import annotations

from clampdown.link.stories import StoryGrouping, UnionFind, story_roots


def test_a_document_matching_nothing_starts_a_story_and_copies_join_it() -> None:
    g = StoryGrouping()
    g.add([])  # 0: new story
    g.add([(0.9, g.handles[0])])  # 1: copy of 0
    g.add([])  # 2: another story
    assert g.roots() == [("new", 0), ("new", 0), ("new", 2)]
    assert g.merged() == {}


def test_a_bridging_document_joins_stories_into_the_oldest_stored_one() -> None:
    g = StoryGrouping()
    g.add([(0.8, ("db", 7))])
    g.add([(0.95, ("db", 3)), (0.85, ("db", 7))])  # nearest is 3, but it also matches 7
    g.add([])
    g.add([(0.9, g.handles[2]), (0.7, ("db", 7))])  # a new story folds into a stored one
    assert g.roots() == [("db", 3), ("db", 3), ("db", 3), ("db", 3)]
    assert g.merged() == {("db", 7): ("db", 3)}


def test_sets_keep_the_member_their_rank_puts_first() -> None:
    sets: UnionFind[int] = UnionFind(rank=lambda x: -x)
    sets.union(1, 2)
    sets.union(3, 2)
    assert {sets.find(x) for x in (1, 2, 3)} == {3}
    assert story_roots([(5, 4), (4, 9)]) == {4: 4, 5: 4, 9: 4}
