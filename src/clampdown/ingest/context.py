"""What one call of `read_documents` shares across its inputs, and how documents are made.

Every reader ends the same way: text, what the input says about it, and the defaults
the user gave. Doing that in one place keeps one order of trust for every format: what
the document states, then what its text shows, then the user's default.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import httpx

from clampdown.errors import NOTED, SKIPPED, InputError
from clampdown.ingest.fields import checked
from clampdown.ingest.streams import human_size
from clampdown.ingest.urls import new_client
from clampdown.langid import OTHER, detect_language
from clampdown.languages import supported
from clampdown.model import Document
from clampdown.settings import Settings

Item = Document | InputError
# How pages and WARC records are read: trafilatura and warcio (the default), or
# Resiliparse and FastWARC for crawls (`ingest/fast.py`), about ten times faster.
ACCURATE = "accurate"
FAST = "fast"
READERS = (ACCURATE, FAST)


@dataclass
class ReadContext:
    """Limits, defaults and counts for one run over many inputs."""

    settings: Settings
    lang: str | None = None
    published: date | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    reader: str = ACCURATE  # one of READERS
    files: int = 0
    stopped: bool = False
    # Fields dropped from documents just made, reported right after each document.
    notes: list[InputError] = field(default_factory=list)
    _client: httpx.Client | None = field(default=None, repr=False)

    def client(self) -> httpx.Client:
        """One HTTP client per run, so URLs to the same host reuse a connection."""
        if self._client is None:
            self._client = new_client(self.settings)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def count_file(self, source: str) -> InputError | None:
        """Count one more file or URL; past max_files, stop the run with an error."""
        self.files += 1
        if self.files <= self.settings.max_files:
            return None
        self.stopped = True
        return InputError(
            source,
            f"more than max_files ({self.settings.max_files}) files in one run; "
            "this and all later files skipped (raise CLAMPDOWN_MAX_FILES to read more)",
            SKIPPED,
        )

    def document(
        self,
        doc_id: str,
        text: str,
        source: str,
        *,
        published: date | None = None,
        lang: str | None = None,
        url: str | None = None,
        title: str | None = None,
        stated_lang: bool = False,
        published_period: str | None = None,
    ) -> Item:
        """A Document, its gaps filled in order: stated, detected from the text, default.

        `lang` given with `stated_lang` (a JSON Lines field) beats detection; a language
        a page or feed declares comes after it, since templates often declare it wrongly,
        except that it names a language detection only calls OTHER.
        """
        limit = self.settings.max_document_bytes
        n = len(text) if len(text) * 4 <= limit else len(text.encode("utf-8", "surrogatepass"))
        if n > limit:
            reason = f"document is {human_size(n)}, over max_document_bytes ({human_size(limit)})"
            return InputError(source, reason, SKIPPED)
        doc, notes = checked(
            Document(
                id=doc_id, text=text, published=published, lang=lang, url=url, title=title,
                source=source, published_period=published_period,
            )
        )
        self.notes += [InputError(source, note, NOTED) for note in notes]
        stated = doc.lang if stated_lang else None
        quick = self.reader == FAST  # a first look at the text's head (`langid.QUICK_CHARS`)
        detected = None if stated else detect_language(doc.text, quick=quick)
        if detected == OTHER and doc.lang and doc.lang not in supported():
            detected = doc.lang  # the page names the language clampdown does not read
        return replace(
            doc,
            published=doc.published or self.published,
            lang=stated or detected or doc.lang or self.lang,
        )

    def take_notes(self) -> list[InputError]:
        notes, self.notes = self.notes, []
        return notes
