"""The vocabulary every pipeline stage speaks.

Stages pass these types to each other; none invents a private dict shape. Offsets are
Python code-point offsets into `Document.text`, so `text[start:end]` is always the span.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

EVENT_TYPES: tuple[str, ...] = (
    "FINE",
    "BLOCK",
    "THROTTLE",
    "DEMAND",
    "WARNING",
    "SUMMONS",
    "LEGAL_ACTION",
    "ACCUSATION",
    "COMPLIANCE",
    "REFUSAL",
)
# For these two types the platform is the actor and the authority the target.
RESPONSE_TYPES: frozenset[str] = frozenset({"COMPLIANCE", "REFUSAL"})


@dataclass(frozen=True, slots=True)
class Document:
    """One input text and what is known about it before extraction."""

    id: str
    text: str
    published: date | None = None
    lang: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None  # file (and line or record) it was read from
    # The month or year of publication ("2022-08", "2022") where no day is given.
    published_period: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of document text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor or target from the knowledge base (or found in text)."""

    id: str
    name: str
    kind: str  # authority kinds: regulator, court, ...; platform kinds: social_network, ...
    role: str  # "authority", "platform", "country", "person"
    country: str | None = None
    aliases: tuple[str, ...] = ()
    known: bool = True  # False for names found in text but absent from the knowledge base
    generic: tuple[str, ...] = ()  # names meaning this entity only in a story about its country
    cased: bool = False  # a name that is also an ordinary phrase: matched only as written

    @property
    def stands_for_state(self) -> bool:
        """A state, or its government as a whole ("the Indonesian government"): a name that
        tells only which state acted, not which of its bodies."""
        return self.role == "country" or (self.role == "authority" and self.kind == "government")


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named at a place in the text."""

    entity: Entity
    start: int
    end: int
    surface: str
    # Other entities the same words may name ("the Foreign Ministry"): the document's
    # country decides among them.
    alternatives: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money stated in text.

    `amount` is set for a single figure, `low`/`high` for a range. `converted` marks a
    figure given in brackets as a conversion of the one before it.
    """

    start: int
    end: int
    currency: str | None
    amount: float | None = None
    low: float | None = None
    high: float | None = None
    converted: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression and the ISO value it resolves to (YYYY, YYYY-MM or YYYY-MM-DD).

    `value` is None when the expression cannot be resolved (no year and no publication date).
    """

    start: int
    end: int
    text: str
    value: str | None


# How an event's date was told (`DateBasis.kind`), whatever the language.
DATE_BASES: tuple[str, ...] = (
    "stated",  # an expression that carries its own year ("29 July 2021"): it keeps it
    "relative",  # one read against the publication date ("on Thursday", "March 3")
    "news",  # a lede's: the story's first recent date (`extract.pipeline.news_date`)
    "published",  # the publication date itself (a plan stands as of the report)
    "none",  # nothing in the text dates it
)
STATED, RELATIVE, NEWS, PUBLISHED, NO_DATE = DATE_BASES


@dataclass(frozen=True, slots=True)
class DateBasis:
    """How an event's date was obtained, kept so that a publication date learnt later (an
    undated document's, from its dated copies) re-dates the event without reading it again.

    `start` and `text` are the date expression, where one dated it; `days` counts on from
    it ("three days later"). `ahead`: a planned act's bare date, a year on when it falls
    before the report. `repeated`: an act told as repeated over time, which the publication
    date never dates ("has issued multiple warnings").
    """

    kind: str
    start: int | None = None
    text: str | None = None
    days: int = 0
    ahead: bool = False
    repeated: bool = False

    def encode(self) -> str:
        """One text value for a store column or a Parquet field, defaults left out."""
        out: dict[str, object] = {"kind": self.kind}
        for name, default in _BASIS_DEFAULTS:  # every field is a plain value: no asdict copy
            value = getattr(self, name)
            if value != default:
                out[name] = value
        return _BASIS_JSON.encode(out)

    @classmethod
    def decode(cls, value: str | None) -> DateBasis | None:
        """The basis `encode` wrote; None for none (an event stored before bases were)."""
        return cls(**json.loads(value)) if value else None


# The fields `DateBasis.encode` leaves out where they hold their default, in field order.
_BASIS_DEFAULTS: tuple[tuple[str, object], ...] = tuple(
    (f.name, f.default) for f in fields(DateBasis) if f.name != "kind"
)
_BASIS_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # built once


@dataclass(slots=True)
class Event:
    """One act of state pressure, or a platform's response to one, with its evidence."""

    type: str
    actor: str | None
    target: str | None
    country: str | None
    evidence: str
    start: int
    end: int
    status: str = "done"
    date: str | None = None
    amount: float | None = None
    amount_range: list[float] | None = None
    currency: str | None = None
    actor_id: str | None = None
    target_id: str | None = None
    actor_entity: Entity | None = field(default=None, repr=False, compare=False)
    target_named: bool = field(default=False, repr=False, compare=False)
    # The sentence names who acted (subject, agent, possessor), rather than the story.
    actor_named: bool = field(default=False, repr=False, compare=False)
    # A second-chance reading the scorer keeps or drops, with the features it weighs.
    candidate: bool = field(default=False, repr=False, compare=False)
    features: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    # How `date` was obtained; None where nobody recorded it (an event built elsewhere).
    date_basis: DateBasis | None = field(default=None, repr=False, compare=False)
    # A refusal told only as the cause of an act ("blocked for failing to delete"): the
    # refusal the document reports elsewhere, if it does.
    as_cause: bool = field(default=False, repr=False, compare=False)
    # The act is told as only possible ("the regulator could fine X"): announced only where
    # the sentence has someone say so.
    possible: bool = field(default=False, repr=False, compare=False)
    # The act is told as proposed ("the party proposed to block X"): an act only where a
    # state body proposes it.
    proposed: bool = field(default=False, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The SPEC output shape (ids are kept as extra keys for the store)."""
        d = {name: getattr(self, name) for name in _EVENT_KEYS}
        if d["amount"] is not None and float(d["amount"]).is_integer():
            d["amount"] = int(d["amount"])
        if d["amount_range"] is not None:
            d["amount_range"] = [int(v) if float(v).is_integer() else v for v in d["amount_range"]]
        return d


# What `Event.to_dict` writes: every field but the extractor's working state.
_WORKING_STATE = {
    "actor_entity", "target_named", "actor_named", "candidate", "features", "date_basis",
    "as_cause",
}
_EVENT_KEYS = tuple(f.name for f in fields(Event) if f.name not in _WORKING_STATE)


@dataclass(slots=True)
class ExtractionResult:
    """A document with the events found in it."""

    document: Document
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.document.id, "events": [e.to_dict() for e in self.events]}
