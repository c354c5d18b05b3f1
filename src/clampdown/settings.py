"""The one settings table: every limit clampdown enforces, with its default and help.

Limits live here, not as constants scattered over readers, so users can raise one with an
environment variable and the docs can be checked against `settings_table()` by a test.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

from clampdown.errors import ClampdownError

MiB = 1024 * 1024
GiB = 1024 * MiB
ENV_PREFIX = "CLAMPDOWN_"
T = TypeVar("T", int, float, str)


def setting(default: T, help: str) -> T:
    """A field of a settings dataclass: its default and the help the docs print, together."""
    return field(default=default, metadata={"help": help})


def help_table(cls: type[DataclassInstance]) -> list[tuple[str, Any, str]]:
    """(name, default, help) of every field of a settings dataclass, in declaration order,
    so the docs can be checked against the code."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]


@dataclass(frozen=True)
class Settings:
    """Limits that keep one bad or hostile input from exhausting memory or time."""

    max_document_bytes: int = setting(
        16 * MiB, "Largest document text read, in bytes (UTF-8); larger ones are skipped.",
    )
    max_line_bytes: int = setting(
        16 * MiB, "Longest JSON Lines line read, in bytes; longer lines are skipped.",
    )
    max_files: int = setting(
        100_000, "Most files read in one run (folders included); reading stops there.",
    )
    max_decompressed_bytes: int = setting(
        8 * GiB, "Most bytes one compressed input may expand to (a Common Crawl News WARC holds "
        "about 5 GiB); reading it stops there.",
    )
    url_timeout_s: float = setting(
        20.0, "Seconds one URL may take, connecting and reading, before it fails.",
    )
    max_redirects: int = setting(5, "Most HTTP redirects followed for one URL; more fail the URL.")
    max_url_bytes: int = setting(
        16 * MiB, "Largest body read from one URL, in bytes after decompression.",
    )
    max_extract_seconds: float = setting(
        120.0, "Seconds extraction may spend on one document before it is reported and skipped "
        "(0: no limit).",
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults overridden by `CLAMPDOWN_<NAME>` variables, so limits need no code change.

        Raises ClampdownError naming the variable when a value is not a positive number.
        """
        return replace(cls(), **env_changes(cls, environ, frozenset({"max_extract_seconds"})))


def env_changes(
    cls: type, environ: Mapping[str, str] | None, zero_means_off: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The fields of a settings dataclass that `CLAMPDOWN_<NAME>` variables set."""
    env = os.environ if environ is None else environ
    changes: dict[str, Any] = {}
    for f in fields(cls):
        var = ENV_PREFIX + f.name.upper()
        raw = env.get(var)
        if raw is None or raw.strip() == "":
            continue
        if f.name in zero_means_off and raw.strip() == "0":
            changes[f.name] = 0
            continue
        changes[f.name] = _parse(var, raw, f.default)  # type: ignore[arg-type]
    return changes


def _parse(var: str, raw: str, default: int | float | str) -> int | float | str:
    """Parse `raw` as the type of `default`; only positive values make sense for a limit."""
    if isinstance(default, str):
        return raw.strip()
    kind = "a whole number" if isinstance(default, int) else "a number"
    try:
        value: int | float = int(raw) if isinstance(default, int) else float(raw)
    except ValueError:
        raise ClampdownError(
            f"{var}={raw!r} is not {kind}; set it to a positive value such as {default}, "
            "or unset it to use the default"
        ) from None
    if not value > 0 or value == float("inf"):
        raise ClampdownError(
            f"{var}={raw!r} must be a positive finite number; set it to a value such as "
            f"{default}, or unset it to use the default"
        )
    return value


def settings_table() -> list[tuple[str, int | float, str]]:
    """(name, default, help) for every setting, in declaration order, for the docs."""
    return help_table(Settings)
