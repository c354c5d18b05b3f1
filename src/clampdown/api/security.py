"""Who may write: every request that changes the store must carry the server's token.

The server only reads unless it was started with `CLAMPDOWN_TOKEN` set; then ingest and
watchlist management accept `Authorization: Bearer TOKEN`. A request without a token gets
401, a wrong token 403, and a server without one 403 with how to enable writes. Tokens are
compared in constant time.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from clampdown.api.errors import APIError
from clampdown.api.settings import TOKEN_VAR


async def require_token(request: Request) -> None:
    """FastAPI dependency: pass only requests that carry the configured token."""
    expected: str | None = request.app.state.clampdown.token
    if not expected:
        raise APIError(
            403,
            f"this server is read-only; start it with {TOKEN_VAR} set to allow ingest and "
            "watchlists",
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise APIError(
            401,
            "this needs the server's token: send `Authorization: Bearer TOKEN`",
            headers={"WWW-Authenticate": 'Bearer realm="clampdown"'},
        )
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise APIError(403, "the token is not this server's token")
