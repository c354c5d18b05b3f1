"""Invariants over arbitrary input (Hypothesis): reading never raises, clean-up only
removes whole lines, and cleaning twice changes nothing."""

from __future__ import annotations

import io
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from clampdown.errors import InputError
from clampdown.ingest import read_documents
from clampdown.ingest.cleanup import clean_text
from clampdown.ingest.sniff import sniff
from clampdown.langid import candidates, detect_language
from clampdown.model import Document

FURNITURE = [
    "Skip to content",
    "Source link",
    "Share",
    "Related stories",
    "Facebook Twitter Email",
    "We use cookies on this site.",
    "Photo: Reuters",
    "Home | News | World",
    "© 2022 Example",
]
lines = st.lists(
    st.one_of(st.sampled_from(FURNITURE), st.text(max_size=80), st.just("")), max_size=25
)


@given(lines)
def test_cleanup_removes_whole_lines_only_and_is_idempotent(parts: list[str]) -> None:
    text = "\n".join(parts)
    cleaned = clean_text(text)
    kept = iter(text.split("\n"))
    for line in cleaned.split("\n"):
        if line.strip():
            assert any(line == original for original in kept)  # in order, unchanged
    assert clean_text(cleaned) == cleaned


@given(st.text(max_size=300))
def test_langid_answers_a_candidate_or_none(text: str) -> None:
    # a supported code, "other" (a language with no pack), or None (too little to tell)
    assert detect_language(text) in (*candidates(), None)


@given(st.binary(max_size=64), st.sampled_from(["", "x.txt", "x.jsonl", "x.html", "x.gz"]))
def test_sniff_never_raises(head: bytes, name: str) -> None:
    assert isinstance(sniff(head, name), str)


PREFIXES = [b"", b"\x1f\x8b\x08\x00", b"WARC/1.0\r\n", b"<html><body><p>", b"<rss>", b"{"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=400))
def test_reading_any_bytes_never_raises(prefix: bytes, body: bytes) -> None:
    class Stdin:
        buffer = io.BufferedReader(io.BytesIO(prefix + body))  # type: ignore[arg-type]

    real, sys.stdin = sys.stdin, Stdin  # type: ignore[assignment]
    try:
        items = list(read_documents(["-"]))
    finally:
        sys.stdin = real
    assert items
    assert all(isinstance(i, Document | InputError) for i in items)
    for doc in items:
        if isinstance(doc, Document):
            assert doc.text.strip()
