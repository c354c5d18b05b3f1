"""The knowledge base: authorities, platforms and countries read from `kb/*.yaml`.

Knowledge is data: adding an authority or a platform is an edit to a YAML file, never to
code. The files are read once per process (or loaded compiled, `resolve/compiled.py`) and
shared by every document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from clampdown.model import Entity

KB_FILES: dict[str, str] = {
    "authority": "authorities.yaml",
    "platform": "platforms.yaml",
    "country": "countries.yaml",
}


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """All canonical entities, by id, with the words that name a country's people."""

    entities: dict[str, Entity]
    adjectives: dict[str, str]  # "Russian" -> "RU"
    # Officials and sub-bodies to the body they speak for ("ru.rkn.head" -> "ru.rkn").
    affiliations: dict[str, str] = field(default_factory=dict)
    # Names of one language or a few (`aliases_<lang>`, `adjectives_<lang>`), lower-cased,
    # to the languages whose documents they are read in: a word of one language may be
    # another name, or no name, in another's text.
    local_names: dict[str, frozenset[str]] = field(default_factory=dict)
    # People filed beside their company (`person: true`) to that company ("elon_musk" ->
    # "twitter"): a platform's head told or called in stands for the platform.
    heads: dict[str, str] = field(default_factory=dict)
    # The body a word of its kind means in a story about its country that names none of
    # that kind (`unnamed: true`: "the court" with no court named is the state's courts,
    # not the state): (country code, kind) -> id.
    unnamed: dict[tuple[str, str], str] = field(default_factory=dict)
    # Each platform file's entry to its owning entry ("threads" -> "facebook"), kept with
    # the compiled knowledge base so that no process reads the platform file for it again.
    parents: dict[str, str] = field(default_factory=dict)

    def read_in(self, surface: str, lang: str | None) -> bool:
        """Whether a name as the text writes it is read in a document of `lang`."""
        langs = self.local_names.get(surface.lower())
        return langs is None or lang in langs

    def unnamed_body(self, country: str | None, kinds: Iterable[str]) -> Entity | None:
        """The body of one of `kinds` that stands for an unnamed one of `country`."""
        for kind in sorted(kinds):
            found = self.unnamed.get((country or "", kind))
            if found is not None:
                return self.entities.get(found)
        return None

    def by_role(self, role: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.role == role]

    def country(self, code: str | None) -> Entity | None:
        return self.entities.get(f"country.{code.lower()}") if code else None


def _read(name: str) -> list[dict[str, Any]]:
    text = (files("clampdown") / "kb" / name).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's where PyYAML has it
    return yaml.load(text, Loader=loader) or []  # noqa: S506


# A country's names in one language only: `aliases_tr`, `adjectives_pt`, ...
_LOCAL_KEY = re.compile(r"(aliases|adjectives)_(\w+)")


def _local(rec: dict[str, Any], kind: str | None = None) -> Iterator[tuple[str, str]]:
    """A record's names of one language, with that language's code: of one kind
    (aliases or adjectives), or all."""
    for key, names in rec.items():
        found = _LOCAL_KEY.fullmatch(str(key))
        if found and kind in (None, found.group(1)):
            for name in names or ():
                yield str(name), found.group(2)


def _entity(role: str, rec: dict[str, Any]) -> Entity:
    if role == "country":
        # Demonyms name the state too ("American interference", "Turkish authorities").
        names = [
            *(rec.get("aliases") or ()),
            *(rec.get("adjectives") or ()),
            *(name for name, _ in _local(rec)),
        ]
        return Entity(
            id=str(rec["id"]),
            name=str(rec["name"]),
            kind="country",
            role="country",
            country=str(rec["code"]),
            aliases=tuple(str(a) for a in names),
        )
    return Entity(
        id=str(rec["id"]),
        name=str(rec["name"]),
        kind=str(rec.get("kind") or role),
        # People filed beside their company (a founder, an owner) are not platforms.
        role="person" if rec.get("person") else role,
        country=rec.get("country"),
        aliases=tuple(str(a) for a in rec.get("aliases") or ()),
        generic=tuple(str(a) for a in rec.get("generic") or ()),
        cased=bool(rec.get("case_sensitive")),
    )


@cache
def platform_parents() -> dict[str, str]:
    """Each platform's owning entry, by id ("threads" -> "facebook"), from the kb (its
    compiled copy where the cache holds one: reading the platform file again cost about
    0.1 s of CPU, paid by the first document that asked)."""
    return load_kb().parents


@cache
def load_kb() -> KnowledgeBase:
    """The knowledge base, once per process: from the compiled cache when it holds today's
    files (`resolve/compiled.py`), else read."""
    from clampdown.resolve.compiled import cached_file

    found = cached_file()
    return found.kb if found is not None else read_kb()


def read_kb() -> KnowledgeBase:
    """Read every knowledge-base file."""
    entities: dict[str, Entity] = {}
    adjectives: dict[str, str] = {}
    affiliations: dict[str, str] = {}
    local: dict[str, set[str]] = {}
    common: set[str] = set()  # names read in every language
    heads: dict[str, str] = {}
    unnamed: dict[tuple[str, str], str] = {}
    parents: dict[str, str] = {}
    for role, name in KB_FILES.items():
        for rec in _read(name):
            ent = _entity(role, rec)
            entities.setdefault(ent.id, ent)
            if rec.get("affiliation"):
                affiliations[str(rec["id"])] = str(rec["affiliation"])
            if rec.get("unnamed") and ent.country:
                unnamed.setdefault((ent.country, ent.kind), ent.id)
            if role == "platform" and rec.get("parent"):
                parents[str(rec["id"])] = str(rec["parent"])
            if rec.get("person") and rec.get("parent"):
                heads[str(rec["id"])] = str(rec["parent"])
            if role == "country":
                everywhere = [*(rec.get("aliases") or ()), *(rec.get("adjectives") or ())]
                common |= {str(alias).lower() for alias in (rec["name"], *everywhere)}
                for adj in rec.get("adjectives") or ():
                    adjectives.setdefault(str(adj), str(rec["code"]))
                for adj, _ in _local(rec, "adjectives"):
                    adjectives.setdefault(adj, str(rec["code"]))
                for alias, lang in _local(rec):
                    local.setdefault(alias.lower(), set()).add(lang)
    return KnowledgeBase(
        entities=entities,
        adjectives=adjectives,
        affiliations=affiliations,
        local_names={k: frozenset(v) for k, v in local.items() if k not in common},
        heads=heads,
        unnamed=unnamed,
        parents=parents,
    )
