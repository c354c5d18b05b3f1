"""Fetching an http(s) URL given on the command line, within every limit.

A URL is input from outside like a file, but one that can stall, redirect forever or
stream gigabytes, so each fetch has a deadline, a redirect budget and a body cap counted
after decompression; and only http and https are followed, redirects included, so a URL
cannot point the tool at a local file.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import httpx

from clampdown.ingest.streams import human_size
from clampdown.settings import Settings

SCHEMES = ("http", "https")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,*/*;q=0.5"


def _user_agent() -> str:
    try:
        release = version("clampdown")
    except PackageNotFoundError:
        release = "dev"
    return f"clampdown/{release} (news event extraction; +https://pypi.org/project/clampdown/)"


USER_AGENT = _user_agent()


class FetchError(Exception):
    """The URL could not be fetched within the limits; the reason says what happened."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response body and what tells how to read it."""

    url: str  # after redirects
    body: bytes
    content_type: str | None


def is_url(arg: str) -> bool:
    """Whether a command-line input names a URL (of any scheme) rather than a path."""
    return bool(_URL.match(arg))


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> Fetched:
    """GET `url`, following at most max_redirects redirects, within url_timeout_s in all.

    Raises FetchError for a scheme other than http(s), a network failure, an HTTP error
    status, too many redirects, a timeout or a body over max_url_bytes.
    """
    own = client is None
    client = client or new_client(settings)
    deadline = time.monotonic() + settings.url_timeout_s
    try:
        for _ in range(settings.max_redirects + 1):
            _check_scheme(url)
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(_timeout(settings))
            try:
                with client.stream("GET", url, timeout=left) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
                    body = _read_body(response, settings, deadline)
                    return Fetched(str(response.url), body, response.headers.get("content-type"))
            except httpx.TimeoutException:
                raise FetchError(_timeout(settings)) from None
            except httpx.HTTPError as e:
                raise FetchError(f"cannot fetch ({type(e).__name__}: {e})") from None
        raise FetchError(f"more than max_redirects ({settings.max_redirects}) redirects")
    finally:
        if own:
            client.close()


def new_client(settings: Settings) -> httpx.Client:
    """A client with clampdown's User-Agent and per-operation timeouts (one shared deadline
    is enforced on top, while the body streams)."""
    return httpx.Client(
        follow_redirects=False,  # followed by hand, so each hop's scheme is checked
        timeout=httpx.Timeout(settings.url_timeout_s),
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
    )


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(f"only http and https URLs are read, not {scheme or 'this'}:")


def _read_body(response: httpx.Response, settings: Settings, deadline: float) -> bytes:
    limit = settings.max_url_bytes
    declared = response.headers.get("content-length")
    encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
    if declared and declared.isdigit() and int(declared) > limit and not encoded:
        raise FetchError(_too_large(int(declared), limit))
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decoded: the cap counts decompressed bytes
        size += len(chunk)
        if size > limit:
            raise FetchError(_too_large(None, limit))
        if time.monotonic() > deadline:
            raise FetchError(_timeout(settings))
        parts.append(chunk)
    return b"".join(parts)


def _too_large(size: int | None, limit: int) -> str:
    what = f"body is {human_size(size)}" if size is not None else "body is"
    return f"{what} over max_url_bytes ({human_size(limit)})"


def _timeout(settings: Settings) -> str:
    return (
        f"no complete answer within url_timeout_s ({settings.url_timeout_s:g} s); "
        "raise CLAMPDOWN_URL_TIMEOUT_S for slow sites"
    )
