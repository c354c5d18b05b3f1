"""Build the real-reporting corpus from its slices: check, measure agreement, adjudicate, split.

    python eval/corpus/build.py --check        # validate raw slices and annotation passes
                                               # (run with the project's environment)
    python eval/corpus/build.py --agreement    # agreement of the two passes (a, b) per slice
    python eval/corpus/build.py                # write docs/gold, dev and measure splits

The corpus is the set of `raw/*.jsonl` excerpts; each slice has two independent annotation
passes (`annotations/<slice>.a.jsonl`, `.b.jsonl`) and the adjudicated one
(`annotations/<slice>.gold.jsonl`). Excerpts whose URL is in the shared held-out list are
dropped here, whatever a slice holds. The split is fixed by a hash of the id: one third
(`measure`) is only ever measured on, never read while writing rules.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

from clampdown.model import EVENT_TYPES, RESPONSE_TYPES
from clampdown.output import SPEC_FIELDS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
KB = ROOT / "src" / "clampdown" / "kb"
TYPES = frozenset(EVENT_TYPES)
ACTOR_KEYED = RESPONSE_TYPES
RAW_KEYS = {"id", "text", "url", "query", "rank", "lang", "published", "kind"}
LANGS = {"en", "ru", "tr", "pt", "de"}
EVENT_KEYS = {*SPEC_FIELDS, "optional", "note"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SUFFIXES = {
    "inc",
    "llc",
    "ltd",
    "corp",
    "corporation",
    "company",
    "co",
    "plc",
    "gmbh",
    "ooo",
    "the",
}


def norm(name: object) -> str:
    """The shared scorer's name normalisation (kept identical)."""
    if name is None:
        return ""
    s = unicodedata.normalize("NFKC", str(name)).lower().replace("ё", "е")
    s = re.sub(r"[’'`\"«»“”.,()\-–—/]", " ", s)
    return " ".join(w for w in s.split() if w not in SUFFIXES)


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def heldout() -> set[str]:
    path = SHARED / "eval" / "heldout-urls.sha256"
    return {line.strip() for line in path.read_text().splitlines() if line.strip()}


def part(doc_id: str) -> str:
    """The fixed split: a third of the ids, by hash, is for measuring only."""
    return "measure" if int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: {exc}") from None
    return rows


def slices() -> list[str]:
    return sorted(p.stem for p in (HERE / "raw").glob("*.jsonl"))


def raw_docs(name: str, problems: list[str]) -> list[dict]:
    banned = heldout()
    docs = []
    for doc in read_jsonl(HERE / "raw" / f"{name}.jsonl"):
        where = f"raw/{name}.jsonl {doc.get('id')}"
        if set(doc) - RAW_KEYS or not {"id", "text", "url", "query", "rank"} <= set(doc):
            problems.append(f"{where}: keys {sorted(doc)}")
            continue
        if url_hash(doc["url"]) in banned:
            problems.append(f"{where}: held-out URL, dropped")
            continue
        if doc.get("lang") not in LANGS or doc.get("kind") not in {"event", "distractor"}:
            problems.append(f"{where}: lang/kind {doc.get('lang')}/{doc.get('kind')}")
        if doc.get("published") and not DATE.match(str(doc["published"])):
            problems.append(f"{where}: published {doc['published']!r}")
        docs.append(doc)
    return docs


def check_event(ev: dict, text: str, where: str, problems: list[str]) -> None:
    if set(ev) - EVENT_KEYS:
        problems.append(f"{where}: unknown keys {sorted(set(ev) - EVENT_KEYS)}")
    if ev.get("type") not in TYPES:
        problems.append(f"{where}: type {ev.get('type')!r}")
    for field in ("actor", "target"):
        value = ev.get(field)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            problems.append(f"{where}: {field} must be a list of names or null")
    key = "actor" if ev.get("type") in ACTOR_KEYED else "target"
    if not ev.get(key):
        problems.append(f"{where}: no {key} (the scorer's key)")
    if ev.get("date") and not DATE.match(str(ev["date"])):
        problems.append(f"{where}: date {ev['date']!r}")
    if ev.get("status") not in {"done", "announced"}:
        problems.append(f"{where}: status {ev.get('status')!r}")
    if not ev.get("evidence") or ev["evidence"] not in text:
        problems.append(f"{where}: evidence not verbatim in text: {str(ev.get('evidence'))[:60]!r}")


def annotations(name: str, which: str, docs: list[dict], problems: list[str]) -> dict[str, list]:
    path = HERE / "annotations" / f"{name}.{which}.jsonl"
    if not path.exists():
        return {}
    texts = {d["id"]: d["text"] for d in docs}
    out: dict[str, list] = {}
    for rec in read_jsonl(path):
        if rec.get("id") not in texts:
            continue  # a held-out or removed excerpt
        for i, ev in enumerate(rec.get("events") or []):
            check_event(ev, texts[rec["id"]], f"{path.name} {rec['id']}#{i}", problems)
        out[rec["id"]] = rec.get("events") or []
    missing = set(texts) - set(out)
    if missing:
        problems.append(f"{path.name}: no line for {sorted(missing)[:5]}")
    return out


def names_overlap(a: object, b: object) -> bool:
    left = {norm(x) for x in (a or [])} - {""}
    return bool(left & {norm(x) for x in (b or [])})


def agree(one: list[dict], two: list[dict]) -> tuple[int, int, int]:
    """Matched, only-in-one, only-in-two: same type and an acceptable key name in common."""
    used: set[int] = set()
    matched = 0
    required = [e for e in one if not e.get("optional")]
    for ev in required:
        key = "actor" if ev["type"] in ACTOR_KEYED else "target"
        for j, other in enumerate(two):
            if (
                j not in used
                and other["type"] == ev["type"]
                and names_overlap(ev.get(key), other.get(key))
            ):
                used.add(j)
                matched += 1
                break
    extra = sum(1 for j, e in enumerate(two) if j not in used and not e.get("optional"))
    return matched, len(required) - matched, extra


def _pairs(
    one: list[dict], two: list[dict]
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Events of two passes paired by type and a shared key name; the rest of each."""
    used: set[int] = set()
    pairs, only_one = [], []
    for ev in one:
        key = "actor" if ev["type"] in ACTOR_KEYED else "target"
        match = next(
            (
                j
                for j, other in enumerate(two)
                if j not in used
                and other["type"] == ev["type"]
                and names_overlap(ev.get(key), other.get(key))
            ),
            None,
        )
        if match is None:
            only_one.append(ev)
        else:
            used.add(match)
            pairs.append((ev, two[match]))
    return pairs, only_one, [e for j, e in enumerate(two) if j not in used]


# The fields two passes may disagree on (evidence and offsets aside).
COMPARED = (*(f for f in SPEC_FIELDS if f not in ("type", "evidence", "start", "end")), "optional")


def draft(name: str, problems: list[str]) -> Path:
    """A starting point for adjudication: agreed events merged, every difference marked.

    Each event carries `_from` ("both", "a" or "b"); agreed events whose fields differ
    carry `_disputed` with both values. The adjudicator writes `<slice>.gold.jsonl`.
    """
    docs = raw_docs(name, problems)
    a, b = annotations(name, "a", docs, problems), annotations(name, "b", docs, problems)
    out = HERE / "annotations" / f"{name}.draft.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            pairs, only_a, only_b = _pairs(a.get(doc["id"], []), b.get(doc["id"], []))
            events = []
            for ev_a, ev_b in pairs:
                ev = dict(ev_a, _from="both")
                for field in ("actor", "target"):
                    names = list(ev_a.get(field) or [])
                    names += [n for n in ev_b.get(field) or [] if n not in names]
                    ev[field] = names or None
                disputed = {
                    f: [ev_a.get(f), ev_b.get(f)]
                    for f in COMPARED
                    if (
                        f in ("actor", "target")
                        and not names_overlap(ev_a.get(f), ev_b.get(f))
                        and (ev_a.get(f) or ev_b.get(f))
                    )
                    or (f not in ("actor", "target") and ev_a.get(f) != ev_b.get(f))
                }
                if disputed:
                    ev["_disputed"] = disputed
                events.append(ev)
            events += [dict(e, _from="a") for e in only_a] + [dict(e, _from="b") for e in only_b]
            fh.write(json.dumps({"id": doc["id"], "events": events}, ensure_ascii=False) + "\n")
    return out


def kb_names() -> dict[str, list[str]]:
    """Every KB name and alias (normalised) to the entity's full list of names."""
    table: dict[str, list[str]] = {}
    for path in sorted(KB.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            names = [entry["name"], *(entry.get("aliases") or [])]
            for name in names:
                table.setdefault(norm(name), names)
    return table


def expand(names: list[str] | None, table: dict[str, list[str]]) -> list[str] | None:
    """Gold names with the KB's names of the same entity (the scorer accepts any listed one)."""
    if not names:
        return names
    out = list(names)
    for name in names:
        for alias in table.get(norm(name), []):
            if alias not in out:
                out.append(alias)
    return out


def build(problems: list[str]) -> None:
    table = kb_names()
    out: dict[str, tuple[list, list]] = {"dev": ([], []), "measure": ([], [])}
    seen_urls: set[str] = set()
    stats: Counter = Counter()
    for name in slices():
        docs = raw_docs(name, problems)
        gold = annotations(name, "gold", docs, problems)
        if not gold:
            problems.append(f"{name}: no adjudicated annotations yet, not built")
            continue
        for doc in docs:
            if doc["url"] in seen_urls or doc["id"] not in gold:
                continue
            seen_urls.add(doc["url"])
            events = []
            for ev in gold[doc["id"]]:
                ev = dict(ev)
                ev["actor"], ev["target"] = (
                    expand(ev.get("actor"), table),
                    expand(ev.get("target"), table),
                )
                ev["start"] = doc["text"].find(ev["evidence"])
                ev["end"] = ev["start"] + len(ev["evidence"])
                ev.pop("note", None)
                events.append(ev)
                stats[f"type {ev['type']}"] += 1
                stats[f"country {ev.get('country')}"] += 1
            docs_out, gold_out = out[part(doc["id"])]
            docs_out.append({k: doc.get(k) for k in ("id", "text", "published", "lang", "url")})
            gold_out.append({"id": doc["id"], "events": events})
            stats[f"lang {doc['lang']}"] += 1
            stats[f"kind {doc['kind']}"] += 1
    for split, (docs_out, gold_out) in out.items():
        for stem, rows in (("docs", docs_out), ("gold", gold_out)):
            with (HERE / f"{stem}-{split}.jsonl").open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(
            f"{split}: {len(docs_out)} documents, {sum(len(g['events']) for g in gold_out)} events"
        )
    countries = sorted(
        k.split()[1] for k in stats if k.startswith("country ") and k != "country None"
    )
    print(f"{len(countries)} countries: {' '.join(countries)}")
    for key in sorted(k for k in stats if not k.startswith("country ")):
        print(f"  {key}: {stats[key]}")


def _agreement_line(counts: Counter) -> str:
    """Event F1 between the passes, and the share of excerpts where they agree entirely."""
    matched, only = counts["matched"], counts["only_a"] + counts["only_b"]
    f1 = 2 * matched / max(1, 2 * matched + only)
    whole = counts["same"] / max(1, counts["excerpts"])
    return f"{dict(counts)} event F1 {f1:.3f}, whole excerpts {whole:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--agreement", action="store_true")
    parser.add_argument(
        "--draft", action="store_true", help="write <slice>.draft.jsonl to adjudicate"
    )
    parser.add_argument("slice", nargs="*")
    args = parser.parse_args()
    problems: list[str] = []
    names = args.slice or slices()
    if args.draft:
        for name in names:
            print(draft(name, problems))
    elif args.check or args.agreement:
        total = Counter()
        for name in names:
            docs = raw_docs(name, problems)
            passes = {w: annotations(name, w, docs, problems) for w in ("a", "b", "gold")}
            print(f"{name}: {len(docs)} excerpts, passes {[w for w, p in passes.items() if p]}")
            if args.agreement and passes["a"] and passes["b"]:
                counts = Counter()
                for doc in docs:
                    m, only_a, only_b = agree(
                        passes["a"].get(doc["id"], []), passes["b"].get(doc["id"], [])
                    )
                    counts.update(
                        matched=m,
                        only_a=only_a,
                        only_b=only_b,
                        excerpts=1,
                        same=int(only_a == only_b == 0),
                    )
                total.update(counts)
                print(f"  agreement: {_agreement_line(counts)}")
        if args.agreement and total:
            print(f"all: {_agreement_line(total)}")
    else:
        build(problems)
    for line in problems:
        print(f"problem: {line}", file=sys.stderr)
    return 1 if any("dropped" not in p for p in problems) and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
