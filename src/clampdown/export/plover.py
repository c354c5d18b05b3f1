"""PLOVER coding of cases and events, so the record joins political-event datasets.

PLOVER (the successor of CAMEO, used by POLECAT) codes an event as a type, a mode and a
context, between an actor and a recipient described by name, country and sector. How each
clampdown type and entity kind reads in PLOVER is data (`plover.yaml`), read once; this
module only applies it. The clampdown type, status and ids travel along in `clampdown_*`
columns, so nothing is lost in the translation and rows can be traced back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import pyarrow as pa
import yaml

from clampdown.model import EVENT_TYPES

STR, INT = pa.string(), pa.int64()

PLOVER_COLUMNS: dict[str, pa.DataType] = {
    "event_id": STR, "event_date": STR, "event_type": STR, "event_mode": STR,
    "event_context": STR, "event_text": STR, "actor_name": STR, "actor_country": STR,
    "actor_sector": STR, "recipient_name": STR, "recipient_country": STR,
    "recipient_sector": STR, "country": STR, "story_source": STR, "n_sources": INT,
    "clampdown_type": STR, "clampdown_status": STR, "clampdown_case_id": INT,
    "clampdown_event_id": INT,
}


@dataclass(frozen=True, slots=True)
class Coding:
    event: str
    mode: str
    context: str


@dataclass(frozen=True, slots=True)
class PartyInfo:
    """What PLOVER asks of an actor or recipient beyond its name."""

    role: str | None
    kind: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class PloverMap:
    done: dict[str, Coding]
    announced: dict[str, Coding]
    sectors: dict[str, str]

    def coding(self, type_: str, status: str | None) -> Coding:
        if status == "announced" and type_ in self.announced:
            return self.announced[type_]
        return self.done[type_]

    def sector(self, party: PartyInfo | None) -> str | None:
        if party is None or party.role is None:
            return None
        return self.sectors.get(f"{party.role}.{party.kind}") or self.sectors.get(party.role)


def _coding(raw: Mapping[str, Any]) -> Coding:
    return Coding(str(raw["event"]), str(raw.get("mode") or ""), str(raw.get("context") or ""))


@cache
def plover_map() -> PloverMap:
    """The mapping in `plover.yaml`; raises ValueError if a clampdown type is missing."""
    raw = yaml.safe_load((files("clampdown.export") / "plover.yaml").read_text("utf-8"))
    types = raw["types"]
    missing = [t for t in EVENT_TYPES if t not in types]
    if missing:
        raise ValueError(f"plover.yaml: no PLOVER coding for {', '.join(missing)}")
    done = {t: _coding(v) for t, v in types.items()}
    announced = {t: _coding(v["announced"]) for t, v in types.items() if v.get("announced")}
    return PloverMap(done, announced, {str(k): str(v) for k, v in raw["sectors"].items()})


def plover_record(
    row: Mapping[str, Any], parties: Mapping[int, PartyInfo], *, kind: str = "case"
) -> dict[str, Any]:
    """A flat case or event (`clampdown.export.columns`) as one PLOVER-coded row."""
    m = plover_map()
    code = m.coding(row["type"], row["status"])
    actor = parties.get(row["actor_id"]) if row.get("actor_id") is not None else None
    target = parties.get(row["target_id"]) if row.get("target_id") is not None else None
    case_id = row["case_id"]
    event_id = row.get("event_id") if kind == "event" else None
    return {
        "event_id": f"clampdown-{kind}-{event_id if kind == 'event' else case_id}",
        "event_date": row.get("date") or row.get("date_lo"),
        "event_type": code.event,
        "event_mode": code.mode,
        "event_context": code.context,
        "event_text": row.get("evidence"),
        "actor_name": row.get("actor"),
        "actor_country": actor.country if actor else None,
        "actor_sector": m.sector(actor),
        "recipient_name": row.get("target"),
        "recipient_country": target.country if target else None,
        "recipient_sector": m.sector(target),
        "country": row.get("country"),
        "story_source": row.get("origin_source"),
        "n_sources": row.get("n_sources"),
        "clampdown_type": row["type"],
        "clampdown_status": row["status"],
        "clampdown_case_id": case_id,
        "clampdown_event_id": event_id,
    }
