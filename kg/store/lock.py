"""Sharing a store between one writer and the readers of `kg serve`, through a lock file.

writer (`kg ingest`, `kg remove`, `kg serve --allow-update`) -> exclusive lock on
`DIR/kg.lock` while its read-write RocksDB handle is open -> on letting go, the generation
in that file goes up -> readers see a new generation and open a fresh read-only handle,
under a shared lock, before their next query.

Why: pyoxigraph 0.5 has no secondary instances (`Store.secondary` is gone) and calls
opening a store read-only while another process writes to it undefined: RocksDB may be
rewriting its MANIFEST or deleting the files being opened.  So a read-only handle is
opened when no writer has the store open (a reader that has none yet waits a few seconds,
then opens it beside the writer and retries if the opening fails).  Once open, it is a snapshot of the store
as it was then (it replays the write-ahead log and holds its table files open), so a
reader may keep answering from it while a writer works; it catches up when the writer lets
go.  A reader never holds the lock while it answers a query, so writers wait at most for
an opening (10-20 ms), and queries wait for a writer only when the reader has no handle
yet, and then for a few seconds at most (database.READ_WAIT).

The file holds two lines: the generation, and who has the store open for writing (empty
when nobody does), which a writer that cannot get the lock names in its error.  Writers
create it; readers never write to the folder, and read a store without the file (made by
an older version, or by another tool) without locking.
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kg.errors import StoreError

LOCK_NAME = "kg.lock"
POLL = 0.05                 # seconds between attempts to take a lock that is held


def lock_path(store: str | os.PathLike) -> Path:
    return Path(store) / LOCK_NAME


def generation(store: str | os.PathLike) -> str:
    """The store's write generation: changes whenever a writer let go after writing."""
    try:
        return lock_path(store).read_text(encoding="utf-8").split("\n", 1)[0]
    except (OSError, UnicodeDecodeError):
        return ""


def owner(store: str | os.PathLike) -> str:
    """Who has the store open for writing, as that writer described itself ("" if unknown)."""
    try:
        lines = lock_path(store).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[1].strip() if len(lines) > 1 else ""


def _take(fd: int, mode: int, wait: float) -> bool:
    """flock `mode` on `fd`, trying for `wait` seconds (0: once)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL)


class WriteLock:
    """The exclusive lock of a writer; `release(changed=True)` raises the generation."""

    def __init__(self, store: str | os.PathLike, who: str, wait: float = 0.0):
        self.path = lock_path(store)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.path.parent}: cannot create the lock file {LOCK_NAME}: "
                             f"{exc.strerror or exc}") from None
        if not self._acquire(wait, who):
            holder = owner(self.path.parent) or "another process"
            os.close(self.fd)
            self.fd = None
            raise StoreError(_held_message(self.path.parent, holder))
        self._write(self._generation(), who)

    def _acquire(self, wait: float, who: str) -> bool:
        if _take(self.fd, fcntl.LOCK_EX, 0):
            return True
        if is_server(owner(self.path.parent)):
            return False            # a server holds it for its whole life: waiting is pointless
        return _take(self.fd, fcntl.LOCK_EX, wait)

    def _generation(self) -> int:
        try:
            return int(os.pread(self.fd, 64, 0).split(b"\n", 1)[0] or 0)
        except ValueError:
            return 0

    def _write(self, gen: int, who: str) -> None:
        data = f"{gen}\n{who}\n".encode("utf-8")
        os.pwrite(self.fd, data, 0)
        os.ftruncate(self.fd, len(data))

    def describe(self, who: str) -> None:
        """Say who holds the lock, once that is known better (a server's URL)."""
        if self.fd is not None:
            self._write(self._generation(), who)

    def release(self, changed: bool) -> None:
        if self.fd is None:
            return
        try:
            self._write(self._generation() + (1 if changed else 0), "")
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


SERVER_OWNER = "kg serve --allow-update"


def is_server(who: str) -> bool:
    return who.startswith(SERVER_OWNER)


def describe(command: str) -> str:
    """How a writer names itself in the lock file."""
    return f"{command} (pid {os.getpid()})"


def _held_message(folder: Path, holder: str) -> str:
    if is_server(holder):
        return (f"{folder}: the store is open for writing by {holder}; send updates to that "
                "endpoint, or restart it without --allow-update: a read-only `kg serve` lets "
                "`kg ingest` and `kg remove` write beside it and shows what they wrote")
    return f"{folder}: the store is being written by {holder}; try again when it has finished"


@contextmanager
def shared(store: str | os.PathLike, wait: float) -> Iterator[bool]:
    """A shared lock for opening a read-only handle: True if taken (or if there is no lock
    file: no writer of this version has had the store open), False if a writer held it
    for `wait` seconds."""
    try:
        fd = os.open(lock_path(store), os.O_RDONLY)      # a reader writes nothing, not even this file
    except OSError:
        yield True              # no writer of this version has opened the store yet
        return
    try:
        taken = _take(fd, fcntl.LOCK_SH, wait)
        yield taken
    finally:
        os.close(fd)                # lets go of the lock too
