"""Atomic file writes: a temporary file in the target folder, then a rename.

A failure half-way (an exception, a full disk, a kill) never leaves a truncated file
behind: the old file stays as it was, or the new one is complete.

Only regular files are replaced that way.  `-` is standard output; a device, a pipe or a
socket (`/dev/stdout`, `/dev/null`, a FIFO) is written in place, since renaming over it
would put a regular file where the device was; a symbolic link stays a link and the file
it points to is written (atomically when that is a regular file).  Paths under /dev and
/proc are always written in place: `/dev/stdout` may lead to the very file the shell
redirected output to, which a rename would detach from the shell.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator

from kg.errors import OutputError

STDOUT = "-"
_IN_PLACE_ROOTS = ("/dev/", "/proc/")


def is_stdout(path: str | os.PathLike) -> bool:
    return os.fspath(path) == STDOUT


def _in_place(path: Path) -> bool:
    """True when `path` must be written as it is, not replaced (a device, pipe, socket)."""
    if str(path).startswith(_IN_PLACE_ROOTS):
        return True
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a folder, not a file to write")
    return not stat.S_ISREG(mode)


@contextlib.contextmanager
def _stdout(mode: str) -> Iterator[IO]:
    sys.stdout.flush()
    fh = sys.stdout.buffer if "b" in mode else sys.stdout
    yield fh
    fh.flush()


@contextlib.contextmanager
def _written_in_place(path: Path, mode: str, encoding: str | None) -> Iterator[IO]:
    binary = "b" in mode
    try:
        fh = open(path, mode, encoding=None if binary else encoding, **({} if binary else {"newline": ""}))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    with fh:
        yield fh


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    if is_stdout(path):
        with _stdout(mode) as fh:
            yield fh
        return
    path = Path(path)
    if not str(path).startswith(_IN_PLACE_ROOTS) and path.is_symlink():
        path = path.resolve()       # replace what the link points to, never the link
    if _in_place(path):
        with _written_in_place(path, mode, encoding) as fh:
            yield fh
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       **({} if binary else {"newline": ""})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file 0600; give it the mode a plain open() would have
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path: str | os.PathLike, text: str) -> None:
    with atomic_open(path, "w") as fh:
        fh.write(text)


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(data)


# ---------------------------------------------------------------------------------------
# A set of outputs, all or nothing: `kg build`
# ---------------------------------------------------------------------------------------
STAGE_PREFIX = ".kg-build-"


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != os.getpid()


def _roll_forward(ready: Path, folder: Path) -> None:
    for f in sorted(ready.iterdir()):
        os.replace(f, folder / f.name)
    _fsync_dir(folder)
    ready.rmdir()


def recover(folder: str | os.PathLike) -> None:
    """Finish or undo what a killed build left in `folder`: a staging folder that was
    complete (`.ready`) is moved in, one that was not is removed.  A staging folder of a
    build that is still running (its process id is in the name) is left alone."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for p in sorted(folder.glob(STAGE_PREFIX + "*")):
        try:
            pid = int(p.name[len(STAGE_PREFIX):].split("-", 1)[0])
        except ValueError:
            continue
        if _alive(pid) and not p.name.endswith(".ready"):
            continue
        if p.name.endswith(".ready"):
            _roll_forward(p, folder)
        else:
            shutil.rmtree(p, ignore_errors=True)


@contextlib.contextmanager
def output_set(folder: str | os.PathLike) -> Iterator[Path]:
    """A staging folder beside the outputs: write every output there; when the block ends
    without an error they all replace the files of `folder`, else none does.

    The commit point is one rename (staging -> `.ready`); a kill before it leaves the old
    set and a staging folder the next `recover` removes; a kill after it, while the files
    are moved in, is finished by the next `recover` (every `kg build` starts with one)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        recover(folder)
        stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder))
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here ({exc.strerror or exc})") from None
    try:
        yield stage
        _fsync_dir(stage)
        ready = stage.with_name(stage.name[:-len(".tmp")] + ".ready")
        os.rename(stage, ready)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _fsync_dir(folder)
    try:
        _roll_forward(ready, folder)
    except OSError as exc:
        raise OutputError(f"{folder}: the new outputs are complete in {ready.name} but could not be moved "
                          f"in ({exc.strerror or exc}); the next kg build finishes the move") from None
