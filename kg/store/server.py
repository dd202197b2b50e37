"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the store, on the loopback interface.

HTTP request -> protocol parsing -> `kg.sparql.LocalSource.query` in a worker process
(bounded in time and rows; kg.store.workers) -> SPARQL JSON / XML / CSV / TSV or Turtle / N-Triples.

    GET  /sparql?query=…                         (YASGUI, curl, SPARQLWrapper)
    POST /sparql  application/sparql-query       the query is the body
    POST /sparql  application/x-www-form-urlencoded   query=… or update=…
    POST /sparql  application/sparql-update      only with --allow-update

Safety, since a browser on the same machine can reach 127.0.0.1:
- it binds 127.0.0.1 only, and answers only requests whose Host is a loopback name
  (a DNS-rebinding page cannot read the data through its own host name);
- updates are refused (403) unless the server was started with `allow_update`, and even
  then a browser request (one with an Origin header) may update only from an origin
  listed explicitly in `cors_origins`: `*` opens reading to every page, never writing;
- before anything is parsed, a query or update that is nested too deeply (which would
  crash the engine), too long, or that would fetch a URL (`SERVICE`, `LOAD`) not listed in
  `allow_service` is refused (kg.store.guard): otherwise any web page could use the
  server to read internal URLs.  Bodies past `max_body` are refused whatever their framing;
- each query runs in a worker process that has the store open read-only (kg.store.workers);
  after `timeout` seconds the client gets 503 and the worker is killed, since Oxigraph
  cannot interrupt a query itself.  `max_running` workers answer at once, up to
  `max_queue` requests wait for one (at most `timeout` seconds), and beyond that a request
  gets 503 with `Retry-After`.  (Over an in-memory store, as in tests, queries run in
  threads instead, and an abandoned query runs to its end.)
- at most `max_rows` solutions (or triples) are returned; a cut result says so in the
  `X-SPARQL-MaxRows` header, as Virtuoso does.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox

from kg.errors import KGError, QueryError
from kg.store.guard import MAX_CHARS, MAX_DEPTH, RemoteRefused
from kg.store.sparql import MEDIA_TYPES, PREFIXES, LocalSource, Result, result_of, serialize, serialize_triples

HOST = "127.0.0.1"
DEFAULT_PORT = 7879
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}

_RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
}
_GRAPH_MEDIA = {"turtle": "text/turtle", "ntriples": "application/n-triples",
                "rdfxml": "application/rdf+xml"}


@dataclass(frozen=True)
class ServerConfig:
    port: int = DEFAULT_PORT             # 0: any free port (the chosen one is in `server.url`)
    allow_update: bool = False
    timeout: float = 30.0                # seconds per query
    max_rows: int = 10_000               # solutions or triples per answer
    cors_origins: tuple[str, ...] = ("*",)
    max_body: int = 10 * 1024 * 1024     # bytes of query or update text
    max_running: int = 4                 # queries running at once, abandoned ones included
    max_queue: int = 64                  # requests waiting for a worker; more get 503 + Retry-After
    quiet: bool = False
    allow_service: tuple[str, ...] = ()  # endpoints SERVICE and LOAD may fetch from (kg.store.guard)
    max_depth: int = MAX_DEPTH           # nesting of a query or update, checked before parsing
    max_chars: int = MAX_CHARS           # characters of a query or update


class HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def busy(cfg: "ServerConfig") -> HTTPError:
    return HTTPError(HTTPStatus.SERVICE_UNAVAILABLE,
                     f"busy: {cfg.max_running} queries are running and {cfg.max_queue} waiting; try again later",
                     {"Retry-After": str(max(1, round(cfg.timeout / 2)))})


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, store: ox.Store | None, config: ServerConfig = ServerConfig(),
                 log: Callable[[str], None] | None = None, path: str | Path | None = None):
        """`path`: the store's folder, for queries in worker processes that a timeout kills
        (kg.store.workers); without it (an in-memory store) queries run in threads.  `store`
        may be None with a `path` and no `allow_update`: workers do all the reading."""
        self.store = store
        self.config = config
        self.source = LocalSource(store, "store")
        self.slots = threading.BoundedSemaphore(config.max_running)
        self.admitted = threading.BoundedSemaphore(config.max_running + config.max_queue)
        self.pool = None
        if path is not None:
            from kg.store.workers import WorkerPool
            self.pool = WorkerPool(path, config.max_running, config.max_queue, follow=not config.allow_update)
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        super().__init__((HOST, config.port), Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/sparql"


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/0.1"
    protocol_version = "HTTP/1.1"
    timeout = 60            # seconds a client may take to send its request (socket timeout)

    # -- HTTP methods -----------------------------------------------------------------------

    def do_OPTIONS(self) -> None:  # CORS preflight
        self._guard(lambda: self._send(HTTPStatus.NO_CONTENT, b"", None, {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
            "Access-Control-Max-Age": "86400",
        }))

    def do_GET(self) -> None:
        self._guard(self._get)

    def do_POST(self) -> None:
        self._guard(self._post)

    def _get(self) -> None:
        path, params = self._target()
        if path in ("/", ""):
            return self._text(HTTPStatus.OK, f"kg SPARQL endpoint: {self.server.url}\n"
                              f"Example: curl '{self.server.url}?query=ASK%7B%7D'\n")
        self._check_path(path)
        if "update" in params:
            raise HTTPError(HTTPStatus.METHOD_NOT_ALLOWED, "send updates with POST, not GET")
        if "query" not in params:
            return self._description()
        self._query(self._one(params, "query"), params)

    def _post(self) -> None:
        path, params = self._target()
        self._check_path(path)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body()
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            if "update" in form:
                return self._update(self._one(params, "update"), params)
            if "query" in form:
                return self._query(self._one(params, "query"), params)
            raise HTTPError(HTTPStatus.BAD_REQUEST, "the form has neither a query nor an update field")
        text = self._decode(body)
        if ctype == "application/sparql-query":
            return self._query(text, params)
        if ctype == "application/sparql-update":
            return self._update(text, params)
        raise HTTPError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        f"unsupported Content-Type {ctype or '(none)'!r}: use application/sparql-query, "
                        "application/sparql-update or application/x-www-form-urlencoded")

    # -- SPARQL ----------------------------------------------------------------------------

    def _guard_text(self, text: str, update: bool = False) -> None:
        """Refuse before parsing: too long, too deep, or fetching from elsewhere (SSRF).
        An update may be as long as a body may be (INSERT DATA of a large graph)."""
        from kg.store.guard import check
        cfg = self.server.config
        try:
            check(text, prefixes=PREFIXES, allow_remote=cfg.allow_service,
                  max_chars=cfg.max_body if update else cfg.max_chars, max_depth=cfg.max_depth)
        except RemoteRefused as exc:
            raise HTTPError(HTTPStatus.FORBIDDEN, exc.message) from None
        except QueryError as exc:
            raise HTTPError(HTTPStatus.BAD_REQUEST, exc.message) from None

    def _query(self, text: str, params: dict[str, list[str]]) -> None:
        cfg = self.server.config
        if not text.strip():
            raise HTTPError(HTTPStatus.BAD_REQUEST, "empty query")
        self._guard_text(text)
        default_graphs = params.get("default-graph-uri") or None
        named_graphs = params.get("named-graph-uri") or None
        if self.server.pool is not None:
            return self._query_in_worker(text, params, default_graphs, named_graphs)
        if not self.server.admitted.acquire(blocking=False):
            raise busy(cfg)
        try:
            queued = self.server.slots.acquire(timeout=cfg.timeout)
        finally:
            self.server.admitted.release()
        if not queued:
            raise busy(cfg)
        box: dict[str, Any] = {}
        cancel = threading.Event()

        def work() -> None:
            try:
                result = self.server.source.query(text, default_graph=default_graphs,
                                                  named_graphs=named_graphs)
                box["result"], box["truncated"] = _bounded(result, cfg.max_rows, cancel)
            except BaseException as exc:  # handed to the request thread
                box["error"] = exc
            finally:
                self.server.slots.release()

        worker = threading.Thread(target=work, name="sparql-query", daemon=True)
        worker.start()
        worker.join(cfg.timeout)
        if worker.is_alive():
            cancel.set()
            raise HTTPError(HTTPStatus.SERVICE_UNAVAILABLE,
                            f"query timed out after {cfg.timeout:g} s (the limit of this endpoint)")
        if "error" in box:
            exc = box["error"]
            if isinstance(exc, QueryError):
                raise HTTPError(HTTPStatus.BAD_REQUEST, exc.message)
            if isinstance(exc, KGError):
                raise HTTPError(HTTPStatus.INTERNAL_SERVER_ERROR, exc.message)
            raise exc
        result: Result = box["result"]
        fmt, media = self._negotiate(result.kind, params)
        if result.kind == "graph":
            body = serialize_triples(list(result.triples), fmt)
        else:
            body = "".join(serialize(result, fmt)).encode("utf-8")
        extra = {"X-SPARQL-MaxRows": str(cfg.max_rows)} if box["truncated"] else {}
        self._send(HTTPStatus.OK, body, media, extra)

    def _query_in_worker(self, text: str, params: dict[str, list[str]], default_graphs, named_graphs) -> None:
        from kg.store.workers import Busy, Timeout
        cfg = self.server.config
        try:
            answer = self.server.pool.query(text, default_graphs, named_graphs, cfg.max_rows, cfg.timeout)
        except Busy:
            raise busy(cfg) from None
        except Timeout:
            raise HTTPError(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {cfg.timeout:g} s "
                            "(the limit of this endpoint); it was stopped") from None
        except QueryError as exc:
            raise HTTPError(HTTPStatus.BAD_REQUEST, exc.message) from None
        except KGError as exc:
            raise HTTPError(HTTPStatus.INTERNAL_SERVER_ERROR, exc.message) from None
        fmt, media = self._negotiate(answer.kind, params)
        if answer.kind == "graph":
            triples = [q.triple for q in ox.parse(answer.body, ox.RdfFormat.N_TRIPLES)] if answer.body else []
            body = serialize_triples(triples, fmt)
        elif answer.kind == "ask":
            body = "".join(serialize(Result("ask", boolean=answer.boolean), fmt)).encode("utf-8")
        elif fmt == "json":
            body = answer.body
        else:
            result = result_of(ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON))
            body = "".join(serialize(result, fmt)).encode("utf-8")
        extra = {"X-SPARQL-MaxRows": str(cfg.max_rows)} if answer.truncated else {}
        self._send(HTTPStatus.OK, body, media, extra)

    def _update(self, text: str, params: dict[str, list[str]]) -> None:
        cfg = self.server.config
        if not cfg.allow_update:
            raise HTTPError(HTTPStatus.FORBIDDEN, "updates are disabled: this endpoint is read-only "
                            "(start it with `kg serve --allow-update` to accept SPARQL updates)")
        origin = self.headers.get("Origin")
        if origin is not None and origin not in cfg.cors_origins:
            raise HTTPError(HTTPStatus.FORBIDDEN, f"updates from web pages are refused unless their "
                            f"origin is listed with --cors-origin (this one is {origin!r})")
        if any(k in params for k in ("using-graph-uri", "using-named-graph-uri")):
            raise HTTPError(HTTPStatus.BAD_REQUEST, "using-graph-uri and using-named-graph-uri are not supported")
        self._guard_text(text, update=True)
        try:
            self.server.store.update(text, prefixes=PREFIXES)
        except SyntaxError as exc:
            from kg.store.sparql import syntax_error
            raise HTTPError(HTTPStatus.BAD_REQUEST, syntax_error(exc, text).message) from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise HTTPError(HTTPStatus.INTERNAL_SERVER_ERROR, f"update failed: {' '.join(str(exc).split())}") from None
        if self.server.pool is not None:
            # committed (in the write-ahead log, which a read-only opening replays): workers
            # reopen before their next query.  No flush here: one file per update piles up
            # level-0 files until RocksDB stalls writes for many seconds.
            self.server.pool.updated()
        self._send(HTTPStatus.NO_CONTENT, b"", None)

    def _negotiate(self, kind: str, params: dict[str, list[str]]) -> tuple[str, str]:
        table = _GRAPH_TYPES if kind == "graph" else _RESULT_TYPES
        names = set(table.values())
        asked = (params.get("format") or params.get("output") or [""])[0].lower()
        if asked:
            asked = {"rdf": "rdfxml", "ttl": "turtle", "nt": "ntriples"}.get(asked, asked)
            if asked not in names:
                raise HTTPError(HTTPStatus.NOT_ACCEPTABLE, f"format {asked!r} is not available for this "
                                f"query (available: {', '.join(sorted(names))})")
            fmt = asked
        else:
            fmt = _accept(self.headers.get("Accept", ""), table) or ("turtle" if kind == "graph" else "json")
        if kind == "ask" and fmt in ("csv", "tsv"):
            return fmt, "text/plain; charset=utf-8"
        media = _GRAPH_MEDIA[fmt] if kind == "graph" else MEDIA_TYPES[fmt]
        return fmt, media + ("; charset=utf-8" if media.startswith("text/") else "")

    def _description(self) -> None:
        """A SPARQL 1.1 Service Description of this endpoint (GET without a query)."""
        url = self.server.url
        features = "sd:UnionDefaultGraph"     # taken at query time (kg.sparql.LocalSource)
        langs = "sd:SPARQL11Query" + (", sd:SPARQL11Update" if self.server.config.allow_update else "")
        ttl = (
            "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
            "@prefix f: <http://www.w3.org/ns/formats/> .\n"
            f"<{url}> a sd:Service ; sd:endpoint <{url}> ; sd:supportedLanguage {langs} ;\n"
            + (f"  sd:feature {features} ;\n" if features else "")
            + "  sd:resultFormat f:SPARQL_Results_JSON, f:SPARQL_Results_XML, f:SPARQL_Results_CSV,"
              " f:SPARQL_Results_TSV, f:Turtle, f:N-Triples, f:RDF_XML .\n")
        self._send(HTTPStatus.OK, ttl.encode(), "text/turtle; charset=utf-8")

    # -- plumbing --------------------------------------------------------------------------

    def _guard(self, action: Callable[[], None]) -> None:
        self._started = time.perf_counter()
        try:
            self._check_host()
            action()
        except HTTPError as exc:
            self._send(exc.status, (exc.message + "\n").encode("utf-8"), "text/plain; charset=utf-8", exc.headers)
        except Exception as exc:  # a bug: answer 500, keep serving
            self._text(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(exc).__name__}: {exc}\n")

    def _check_host(self) -> None:
        host = (self.headers.get("Host") or "").strip()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name.lower() not in LOOPBACK_NAMES:
            raise HTTPError(HTTPStatus.FORBIDDEN, f"unexpected Host {host!r}: this endpoint answers "
                            "127.0.0.1 and localhost only")

    def _check_path(self, path: str) -> None:
        if path.rstrip("/") not in ("/sparql", "/query", "/update"):
            raise HTTPError(HTTPStatus.NOT_FOUND, f"no such resource {path!r}: the endpoint is /sparql")

    def _target(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    def _one(self, params: dict[str, list[str]], key: str) -> str:
        values = params.get(key) or [""]
        if len(values) > 1:
            raise HTTPError(HTTPStatus.BAD_REQUEST, f"more than one {key!r} parameter")
        return values[0]

    def _body(self) -> bytes:
        """The request body, refused past `max_body` whatever the framing: a Content-Length
        (never negative), or chunked transfer encoding (counted as it arrives)."""
        limit = self.server.config.max_body
        length = self.headers.get("Content-Length")
        coding = (self.headers.get("Transfer-Encoding") or "").strip().lower()
        if coding:
            self.close_connection = True
            if coding != "chunked":
                raise HTTPError(HTTPStatus.NOT_IMPLEMENTED, f"unsupported Transfer-Encoding {coding!r}")
            if length is not None:
                raise HTTPError(HTTPStatus.BAD_REQUEST, "both Content-Length and Transfer-Encoding")
            return self._chunked(limit)
        if length is None:
            raise HTTPError(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        if not length.strip().isdigit():
            self.close_connection = True
            raise HTTPError(HTTPStatus.BAD_REQUEST, f"bad Content-Length {length[:40]!r}")
        n = int(length)
        if n > limit:
            self.close_connection = True
            raise HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                            f"request body of {n} bytes is over the limit of {limit}")
        return self.rfile.read(n)

    def _chunked(self, limit: int) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                raise HTTPError(HTTPStatus.BAD_REQUEST, "bad chunk size in a chunked body") from None
            if size < 0:
                raise HTTPError(HTTPStatus.BAD_REQUEST, "bad chunk size in a chunked body")
            total += size
            if total > limit:
                raise HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                f"request body over the limit of {limit} bytes")
            if size == 0:
                for _ in range(100):                      # trailers, up to the empty line
                    if self.rfile.readline(8192) in (b"\r\n", b"\n", b""):
                        break
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline(1024)                     # the CRLF after the chunk

    def _decode(self, body: bytes) -> str:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "the body is not UTF-8") from None

    def _cors(self) -> dict[str, str]:
        origins = self.server.config.cors_origins
        origin = self.headers.get("Origin")
        if "*" in origins:
            allow = "*"
        elif origin and origin in origins:
            allow = origin
        else:
            return {}
        return {"Access-Control-Allow-Origin": allow, "Vary": "Origin",
                "Access-Control-Expose-Headers": "X-SPARQL-MaxRows"}

    def _text(self, status: int, text: str) -> None:
        self._send(status, text.encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: int, body: bytes, media: str | None, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if media:
            self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for k, v in {**self._cors(), **(extra or {})}.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.server.config.quiet:
            return
        ms = (time.perf_counter() - getattr(self, "_started", time.perf_counter())) * 1000
        line = self.requestline if len(self.requestline) <= 200 else self.requestline[:197] + "…"
        self.server.log(f'{self.address_string()} "{line}" {int(code) if str(code).isdigit() else code} {ms:.0f} ms')

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.config.quiet:
            self.server.log(format % args)


def _accept(header: str, table: dict[str, str]) -> str | None:
    """The format of the most preferred media type in an Accept header that `table` knows."""
    choices = []
    for i, part in enumerate(header.split(",")):
        media, *opts = [p.strip() for p in part.split(";")]
        q = 1.0
        for o in opts:
            if o.startswith("q="):
                try:
                    q = float(o[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    for q, _, media in sorted(choices):
        if q < 0 and media in table:
            return table[media]
    return None


def _bounded(result: Result, limit: int, cancel: threading.Event) -> tuple[Result, bool]:
    """`result` with at most `limit` rows or triples read into memory; True if cut."""
    source = result.triples if result.kind == "graph" else result.rows
    if result.kind == "ask":
        return result, False
    items = []
    truncated = False
    for item in source:
        if cancel.is_set():
            break
        if len(items) >= limit:
            truncated = True
            break
        items.append(item)
    if result.kind == "graph":
        result.triples = iter(items)
    else:
        result.rows = iter(items)
    return result, truncated


def serve(store_dir: str | Path, config: ServerConfig = ServerConfig(),
          announce: Callable[[str], None] = print) -> None:
    """Open the store in `store_dir` and answer requests until interrupted (Ctrl-C, SIGTERM).

    Read-only (the default), the server holds no handle itself: its workers open the store
    read-only and follow what `kg ingest` and `kg remove` write (kg.store.lock).  With
    `allow_update` it holds the store for writing, and the lock, until it stops: other
    writers then fail at once with an error that names it.
    """
    from kg.store.database import Store
    from kg.store.lock import SERVER_OWNER

    with Store(store_dir, read_only=not config.allow_update, who=SERVER_OWNER) as store:
        graphs = len(store.graphs())
        if not config.allow_update:
            store.close()       # an old snapshot pinned for the server's life would keep deleted files
        server = SparqlServer(store.ox, config, path=store.path)
        if config.allow_update:
            store.describe_writer(f"{SERVER_OWNER} (pid {os.getpid()}, {server.url})")

        def stop(signum, frame):  # SIGTERM: shut down as cleanly as Ctrl-C
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
        mode = "read-write" if config.allow_update else "read-only, follows kg ingest and kg remove"
        announce(f"SPARQL endpoint {server.url} ({mode}, {graphs} article graphs); Ctrl-C stops it")
        try:
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            server.server_close()
            if server.pool is not None:
                server.pool.close()
