"""One HTTP request with a deadline on the whole exchange, and no redirects followed.

Used by `kg push` and by `kg query --endpoint`: a redirect is reported, never followed, so
credentials go only to the URL the user gave; a server that answers one byte at a time
cannot hold a request past its timeout.
"""
from __future__ import annotations

import http.client
import socket
import threading
import urllib.parse

from kg.errors import StoreError


def request(method: str, url: str, body: bytes | None, headers: dict[str, str], timeout: float,
            max_reply: int = 1 << 20) -> tuple[int, str, http.client.HTTPMessage, bytes]:
    """(status, reason, headers, body) of one HTTP request, redirects not followed.

    `timeout` is a deadline on the whole exchange: a timer shuts the socket when it
    passes, which also stops a server that answers one byte at a time (a socket
    timeout alone restarts with every byte).  At most `max_reply` bytes are read."""
    parts = urllib.parse.urlsplit(url)
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = cls(parts.hostname or "", parts.port, timeout=timeout)
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        sock = conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    timer.start()
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(method, target or "/", body=body, headers=headers)
        resp = conn.getresponse()
        data = _read(resp, max_reply)
        if expired.is_set():
            raise TimeoutError()
        return resp.status, resp.reason, resp.headers, data
    except (OSError, http.client.HTTPException) as exc:
        base = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if expired.is_set() or isinstance(exc, TimeoutError):
            raise StoreError(f"{base}: no complete answer within {timeout:g} s") from None
        reason = getattr(exc, "strerror", None) or exc
        raise StoreError(f"cannot reach {base}: {reason}") from None
    finally:
        timer.cancel()
        conn.close()


def _read(resp: http.client.HTTPResponse, limit: int) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = resp.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise StoreError(f"the answer is over {limit} bytes")
        chunks.append(chunk)
