"""`clampdown serve`: the REST API and dashboard under uvicorn.

The server binds 127.0.0.1 unless told otherwise and only reads the store, unless
`CLAMPDOWN_TOKEN` is set (then token holders may ingest and manage watchlists). It prints
its URL once the port is bound, so scripts and people know where to look.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from typing import Annotated

import typer

from clampdown.cli.app import DbOption, app, err, fail

MIN_TOKEN_CHARS = 16  # a write token shorter than this is warned about
# Seconds requests in flight get to finish once asked to stop (SIGTERM, Ctrl-C); an ingest
# stops at once and answers 503, anything still running after this is cut off.
SHUTDOWN_GRACE_S = 5


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket, bound before uvicorn starts, so `--port 0` gets a free port and
    the printed URL names the port actually used."""
    from clampdown.errors import ClampdownError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise ClampdownError(f"{host}:{port}: cannot listen there ({e.strerror}); choose "
                             "another --port") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option(metavar="ADDRESS", help="Address to listen on")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one)")] = 8000,
    webhooks: Annotated[
        bool, typer.Option(help="Post new matching cases to watchlists' webhooks")
    ] = True,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes (one per core serves most)")
    ] = 1,
    access_log: Annotated[bool, typer.Option(help="Log every request")] = False,
) -> None:
    """Serve the REST API and the dashboard.

    The API is under /api (described at /openapi.json), the dashboard at /.

    Read-only unless CLAMPDOWN_TOKEN is set; then `Authorization: Bearer TOKEN` allows
    POST /api/ingest and watchlist management.

    \b
    Example:
      clampdown serve --db clampdown.db --port 8000
    """
    import uvicorn

    from clampdown.api.app import create_app
    from clampdown.api.protocol import TimedHttpProtocol
    from clampdown.api.settings import TOKEN_VAR, ServeSettings
    from clampdown.errors import ClampdownError
    from clampdown.query.db import open_reader
    from clampdown.store.db import database_url, display_url

    url = database_url(db)
    token = os.environ.get(TOKEN_VAR) or None
    try:
        if workers == 1:
            application = create_app(url, token=token, deliver=webhooks)
        else:  # each worker builds its own app; here only check the store
            open_reader(url, ServeSettings.from_env().query_timeout_s, upgrade=True).dispose()
        sock = _bind(host, port)
    except ClampdownError as e:
        raise fail(e) from None
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    where = f"http://{shown}:{bound_port}/"
    mode = "writes need the token" if token else f"read-only; set {TOKEN_VAR} to allow writes"
    if token and len(token) < MIN_TOKEN_CHARS:
        err.print(
            f"clampdown: warning: {TOKEN_VAR} is {len(token)} characters, easy to guess; use"
            f" {MIN_TOKEN_CHARS} or more: python -c 'import secrets;"
            " print(secrets.token_urlsafe(24))'",
            markup=False, soft_wrap=True,
        )
    err.print(f"clampdown: serving {display_url(url)} at {where} ({mode}); Ctrl-C stops",
              markup=False, soft_wrap=True)
    if not _is_loopback(host):
        err.print(f"clampdown: warning: {host} is reachable from other machines", markup=False)
    sys.stderr.flush()
    if workers == 1:
        config = uvicorn.Config(application, log_level="warning", access_log=access_log,
                                lifespan="on", timeout_keep_alive=5,
                                timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
                                http=TimedHttpProtocol)
        try:
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            sock.close()
        return
    _serve_workers(url, token, sock, workers, webhooks, access_log)


def _serve_workers(url: str, token: str | None, sock: socket.socket, workers: int,
                   webhooks: bool, access_log: bool) -> None:
    """Several worker processes on one socket (uvicorn's supervisor); the webhook
    dispatcher runs once, in this parent process, so no case is posted twice."""
    import threading

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from clampdown.api.app import URL_VAR
    from clampdown.api.protocol import TimedHttpProtocol
    from clampdown.api.settings import ServeSettings

    os.environ[URL_VAR] = url
    stop = threading.Event()
    if token and webhooks:
        from clampdown.api.watch_schema import open_writer
        from clampdown.api.webhooks import Dispatcher

        dispatcher = Dispatcher(open_writer(url), ServeSettings.from_env())
        threading.Thread(target=dispatcher.run_forever, args=(stop,), daemon=True,
                         name="clampdown-webhooks").start()
    config = uvicorn.Config("clampdown.api.app:app_from_env", factory=True, workers=workers,
                            log_level="warning", access_log=access_log, lifespan="on",
                            timeout_keep_alive=5, timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
                            http=TimedHttpProtocol)
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        stop.set()
        sock.close()
