"""Uvicorn's HTTP protocol with read deadlines, so a slow client cannot hold a connection.

Uvicorn times out idle keep-alive connections, but not a request that arrives a byte at a
time ("slow loris"): its headers may take forever, and so may its body. Here a request's
line and headers must arrive within `header_timeout_s` of the connection (or of the first
byte of a later request on it), and its body within `body_timeout_s` of the headers. A
client that is too slow gets a 408 in the API's error shape, when no answer has begun, and
the connection is closed.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from clampdown.api.settings import ServeSettings


@cache
def _timeouts() -> tuple[float, float]:
    s = ServeSettings.from_env()
    return s.header_timeout_s, s.body_timeout_s


def _timeout_response(what: str, seconds: float, setting: str) -> bytes:
    body = json.dumps({"error": {
        "status": 408,
        "message": f"the request's {what} took over {setting} ({seconds:g} s); send it"
                   " again at once",
        "field": None,
    }}).encode()
    return (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
            b"content-length: " + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n"
            + body)


class TimedHttpProtocol(HttpToolsProtocol):
    """HttpToolsProtocol with a deadline for each request's headers and for its body."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_s, self._body_s = _timeouts()
        self._deadline: Any = None

    def _arm(self, seconds: float, what: str) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expired, what, seconds)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self, what: str, seconds: float) -> None:
        self._deadline = None
        if self.transport is None or self.transport.is_closing():
            return
        cycle = self.cycle  # for headers, the connection's previous request, if any
        if what == "headers":
            answering = cycle is not None and cycle.response_started and not cycle.response_complete
        else:
            answering = cycle is None or cycle.response_started
        if not answering:
            setting = "header_timeout_s" if what == "headers" else "body_timeout_s"
            self.transport.write(_timeout_response(what, seconds, setting))
        if cycle is not None and not cycle.response_complete:
            cycle.disconnected = True  # the application's receive() sees the client gone
            cycle.keep_alive = False
            cycle.message_event.set()
        self.transport.close()

    # The connection and the parser's events --------------------------------------------

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._arm(self._header_s, "headers")

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._deadline is None:  # a later request on a kept-alive connection
            self._arm(self._header_s, "headers")

    def on_headers_complete(self) -> None:
        self._arm(self._body_s, "body")
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()
