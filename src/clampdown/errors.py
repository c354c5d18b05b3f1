"""The one exception family of clampdown.

Callers catch `ClampdownError` to handle anything clampdown reports on purpose; the
subclasses say which stage met the problem, so the command line can count read / skipped /
failed documents without parsing messages.
"""

from __future__ import annotations


class ClampdownError(Exception):
    """Base of every error clampdown raises (or yields) on purpose."""


SKIPPED = "skipped"
FAILED = "failed"
NOTED = "noted"  # the document is read; one of its fields was dropped


class InputError(ClampdownError):
    """A bad input file or record; the reader skips it and goes on.

    Readers yield these instead of raising them, so one bad line never aborts a batch.
    `source` is the file path (or URL), with ":LINE" when a single line is at fault;
    `reason` says what is wrong in a few words. `outcome` tells the summary line how to
    count it: "failed" for input that is broken (malformed, truncated, unreachable),
    "skipped" for input passed over on purpose (over a limit, empty, binary, not a document),
    "noted" for a bad field dropped from a document that is still read.
    """

    def __init__(self, source: str, reason: str, outcome: str = FAILED) -> None:
        self.source = source
        self.reason = reason
        self.outcome = outcome
        super().__init__(source, reason, outcome)  # all three, so pickling keeps the outcome

    @property
    def skipped(self) -> bool:
        return self.outcome == SKIPPED

    @property
    def noted(self) -> bool:
        return self.outcome == NOTED

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}" + ("" if self.noted else "; skipped")

    def __repr__(self) -> str:
        return (
            f"InputError(source={self.source!r}, reason={self.reason!r}, "
            f"outcome={self.outcome!r})"
        )


class ExtractionError(ClampdownError):
    """Extraction failed on a document that was read fine."""


class StoreError(ClampdownError):
    """The event store cannot be opened, read or written."""
