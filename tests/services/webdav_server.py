"""A real WebDAV server (wsgidav on cheroot) on a free loopback port, for the channel tests."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

USER, PASSWORD = "team", "s3cret"


@contextmanager
def webdav_server(root: Path):
    """Serve `root` over WebDAV with basic auth; yield the base URL; stop on exit."""
    from cheroot import wsgi
    from wsgidav.wsgidav_app import WsgiDAVApp

    config = {
        "provider_mapping": {"/": str(root)},
        "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
        "http_authenticator": {"accept_basic": True, "accept_digest": False},
        "verbose": 0,
        "logging": {"enable": False, "enable_loggers": []},
        "lock_storage": True,
    }
    server = wsgi.Server(("127.0.0.1", 0), WsgiDAVApp(config), numthreads=4)
    server.prepare()  # binds the socket, so the free port is known
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        host, port = server.bind_addr[:2]
        yield f"http://{host}:{port}"
    finally:
        server.stop()
        thread.join(timeout=5)
