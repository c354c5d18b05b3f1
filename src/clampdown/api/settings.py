"""The limits of the query server, webhooks and exports, with their defaults and help.

They follow `clampdown.settings`: one name, one default, one line of help each, and a
`CLAMPDOWN_<NAME>` environment variable to change one without touching code. They live
beside the server because only the server and exports enforce them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from clampdown.query.filters import DEFAULT_BOUNDS
from clampdown.settings import env_changes, help_table, setting

TOKEN_VAR = "CLAMPDOWN_TOKEN"
ZERO_MEANS_OFF = frozenset({"response_cache_entries", "case_index_max_rows"})


@dataclass(frozen=True)
class ServeSettings:
    """Bounds that keep one request, export or webhook from exhausting the server."""

    default_page_size: int = setting(50, "Rows in one page of a listing when `limit` is not given.")
    max_page_size: int = setting(200, "Most rows one page of a listing may ask for.")
    max_query_chars: int = setting(
        DEFAULT_BOUNDS.max_query_chars, "Longest value of one query parameter (a search, a name) "
        "in characters.",
    )
    max_query_values: int = setting(
        DEFAULT_BOUNDS.max_query_values, "Most values one repeated or comma-separated filter "
        "takes.",
    )
    worker_threads: int = setting(
        8, "Threads per server process that run queries; more only queue on Python's lock, fewer "
        "leave the database idle.",
    )
    max_count_rows: int = setting(
        500, "A listing's `total` counts matches up to this many, then says more.",
    )
    case_index_max_rows: int = setting(
        5_000_000, "Most cases kept in the in-memory index that serves filtered pages (0 turns it "
        "off; larger stores are served by SQL alone).",
    )
    response_cache_entries: int = setting(
        4096, "Answers and pages kept until the store changes (0 turns this off).",
    )
    response_cache_ttl_s: float = setting(
        5.0, "Seconds a kept answer lives on stores that cannot tell a change (PostgreSQL); "
        "SQLite answers live until the next commit.",
    )
    query_timeout_s: float = setting(
        5.0, "Seconds one database query may run before it is stopped.",
    )
    export_timeout_s: float = setting(300.0, "Seconds one export may spend reading the store.")
    max_export_rows: int = setting(
        500_000, "Most rows one export (CSV, JSON Lines, Parquet) holds.",
    )
    max_request_bytes: int = setting(
        16 * 1024 * 1024, "Largest request body (documents sent to /api/ingest), in bytes.",
    )
    ingest_workers: int = setting(
        2, "Processes per server process that extract documents sent to /api/ingest, one request "
        "each; more requests at once wait their turn.",
    )
    header_timeout_s: float = setting(
        10.0, "Seconds a client may take to send a request's line and headers; a slower one gets "
        "408 and is disconnected.",
    )
    body_timeout_s: float = setting(
        60.0, "Seconds a client may take to send a request's body once its headers are in; a "
        "slower one gets 408 and is disconnected.",
    )
    max_feed_entries: int = setting(50, "Most cases one watchlist's Atom feed lists.")
    watch_poll_s: float = setting(
        30.0, "Seconds between two looks for new cases to post to webhooks.",
    )
    webhook_timeout_s: float = setting(10.0, "Seconds one webhook POST may take before it fails.")
    webhook_backoff_s: float = setting(
        5.0, "Seconds before a failed webhook is tried again; each retry doubles.",
    )
    webhook_max_backoff_s: float = setting(
        3600.0, "Longest wait between two tries of one webhook delivery.",
    )
    webhook_max_attempts: int = setting(8, "Tries of one webhook delivery before it is given up.")
    public_url: str = setting(
        "", "The server's address as readers reach it (https://host/path/); feed links use it "
        "rather than the request's Host header (empty: the request's).",
    )
    webhook_allow_hosts: str = setting(
        "", "Hosts, comma-separated, that webhooks may reach though they resolve to loopback, "
        "private, link-local or reserved addresses (none by default).",
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServeSettings:
        """Defaults overridden by `CLAMPDOWN_<NAME>` variables, as `Settings.from_env` does."""
        return replace(cls(), **env_changes(cls, environ, ZERO_MEANS_OFF))


def serve_settings_table() -> list[tuple[str, int | float, str]]:
    """(name, default, help) for every server setting, for the docs."""
    return help_table(ServeSettings)
