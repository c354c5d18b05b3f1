"""Every route of /openapi.json, fuzzed (schemathesis): no input makes the API answer 5xx,
and every error it gives is the documented JSON shape, on SQLite and on PostgreSQL.

Bounded to a few seconds per database (derandomized, so a run is repeatable); set
CLAMPDOWN_FUZZ_EXAMPLES to look harder. Next to the generated inputs, a few hand-made hostile
ones that a generator would hardly find: forged cursors and ids past what a database holds.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from clampdown.api.app import create_app
from clampdown.api.settings import ServeSettings

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

NEWS = Path(__file__).resolve().parents[1] / "api" / "data" / "news.jsonl"
TOKEN = "fuzz-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
EXAMPLES = int(os.environ.get("CLAMPDOWN_FUZZ_EXAMPLES", "25"))


def _cursor(*parts: Any) -> str:
    raw = json.dumps(list(parts), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


HOSTILE: list[tuple[str, str, dict[str, str]]] = [
    ("GET", "/api/cases", {"cursor": _cursor("-date", {"d": "2022-01-01"}, 2**40)}),
    ("GET", "/api/cases", {"sort": "sources", "cursor": _cursor("sources", 2**40, 1)}),
    ("GET", "/api/cases", {"sort": "amount", "cursor": _cursor("amount", 1e300, 1)}),
    ("GET", "/api/cases", {"sort": "amount", "cursor": _cursor("amount", 10**400, 1)}),
    ("GET", "/api/cases", {"sort": "-id", "cursor": _cursor("-id", 2**31, 2**31)}),
    ("GET", "/api/events", {"cursor": _cursor("-date", None, 2**33)}),
    ("GET", "/api/events", {"actor": str(2**40)}),
    ("GET", "/api/events", {"doc": str(2**40), "case": str(2**63)}),
    ("GET", "/api/cases", {"entity": str(2**31)}),
    ("GET", "/api/cases", {"q": "\x00"}),
    ("GET", "/api/entities", {"q": "a\x00b", "country": "\x00"}),
    ("GET", "/api/cases?target=%ED%A0%80&q=%FF%FE", {}),  # not UTF-8
    ("GET", "/api/stats", {"actor": "9223372036854775808"}),
    ("GET", "/api/cases/2147483648", {}),
    ("GET", "/api/documents/99999999999", {}),
    ("DELETE", "/api/watchlists/2147483648", {}),
    ("GET", "/cases", {"actor": str(2**40)}),
    ("GET", "/api/export/events", {"format": "csv", "actor": str(2**40)}),
]


def _check(method: str, path: str, status: int, body: bytes, where: str) -> None:
    path = path.split("?")[0]
    assert status < 500, f"{method} {path} {where}: {status} {body[:300]!r}"
    if status >= 400 and (path.startswith("/api") or path.startswith("/feeds")):
        error = json.loads(body)["error"]
        assert error["status"] == status and error["message"], (method, path, where, body)


@pytest.mark.slow
def test_no_route_answers_5xx_to_any_input(
    db_url: str, run_ingest: Callable[..., Any]
) -> None:
    run_ingest(db_url, NEWS)
    app = create_app(db_url, token=TOKEN, deliver=False, settings=ServeSettings())
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            for method, path, params in HOSTILE:
                r = client.request(method, path, params=params, headers=AUTH)
                _check(method, path, r.status_code, r.content, str(params))
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        routes = {(m.upper(), path) for path, item in app.openapi()["paths"].items()
                  for m in item}
        assert {(op.method.upper(), op.path) for op in operations} == routes
        assert len(routes) >= 14 and ("POST", "/api/ingest") in routes
        for op in operations:
            _fuzz(op)
    finally:
        app.state.clampdown.close()


def _fuzz(op: Any) -> None:
    @given(case=op.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        r = case.call(headers=AUTH)
        _check(op.method.upper(), case.formatted_path, r.status_code, r.content,
               f"query={case.query} body={str(case.body)[:200]}")

    run()
