"""Writing outputs (issue 11): atomic replacement for regular files only; standard output,
devices, pipes and symbolic links are written in place and never replaced."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading

import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401  (registers the commands)
from kg.atomic import atomic_open, write_text
from kg.cli import app
from kg.errors import OutputError

from conftest import ROOT

GRAPH = ROOT / "exports" / "graph.json"
runner = CliRunner()


def test_atomic_regular_file_is_replaced_whole(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_open(p) as fh:
            fh.write("half")
            raise RuntimeError
    assert p.read_text() == "old" and os.listdir(tmp_path) == ["a.txt"]
    write_text(p, "new")
    assert p.read_text() == "new"


def test_atomic_symlink_stays_a_link_and_its_target_is_written(tmp_path):
    target = tmp_path / "real.ttl"
    target.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target) and target.read_text() == "new"


def test_atomic_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    write_text(fifo, "through the pipe")
    reader.join(10)
    assert got == ["through the pipe"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_atomic_dev_null_stays_a_device():
    write_text("/dev/null", "nothing")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_atomic_a_folder_is_refused(tmp_path):
    with pytest.raises(OutputError, match="is a folder, not a file to write"):
        write_text(tmp_path, "x")


def test_atomic_export_to_stdout_with_a_dash():
    r = runner.invoke(app, ["export", str(GRAPH), "--format", "graph-json", "--out", "-"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["format"] == "dipkg-graph"
    assert "-> standard output (graph-json" in r.stderr
    r = runner.invoke(app, ["export", str(GRAPH), "--out", "-"])
    assert r.exit_code == 1 and "Error: [E130] --out - needs --format" in r.stderr
    r = runner.invoke(app, ["export", str(GRAPH), "--format", "csv", "--out", "-"])
    assert r.exit_code == 1 and "csv writes three files" in r.stderr


def test_atomic_export_to_dev_stdout_leaves_it_a_symlink(tmp_path):
    before = os.lstat("/dev/stdout")
    out = tmp_path / "redirected.nt"
    with open(out, "wb") as fh:
        r = subprocess.run([sys.executable, "-m", "kg", "export", str(GRAPH), "--format", "ntriples",
                            "--out", "/dev/stdout"], stdout=fh, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                           timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").count(" .\n") > 100   # the shell's file got the triples
    assert stat.S_ISLNK(os.lstat("/dev/stdout").st_mode) and os.lstat("/dev/stdout").st_ino == before.st_ino
