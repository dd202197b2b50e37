"""The PLOVER gold-standard records as an outside benchmark (issue 14; tests/data/plover/README.md).

Floors are the measured figures, rounded down: they catch a regression, they do not claim more.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401  (registers the commands)
from kg.cli import app

from conftest import DATA, ROOT

PLOVER = DATA / "plover"
runner = CliRunner()


@pytest.fixture(scope="module")
def scores():
    r = runner.invoke(app, ["eval", str(PLOVER), "--json"])
    assert r.exit_code == 0, r.stdout + r.stderr
    return json.loads(r.stdout)


def test_plover_benchmark_relations_floor(scores):
    rel = scores["total"]["relations"]
    assert len(scores["articles"]) == 183
    assert rel["f1"] >= 0.46 and rel["precision"] >= 0.68, rel


def test_plover_benchmark_category_and_mode_accuracy_floor(scores):
    assert scores["total"]["plover_category_accuracy"] >= 0.90
    assert scores["total"]["plover_mode_accuracy"] >= 0.65


def test_plover_benchmark_precision_check_counts_and_lists(scores):
    check = scores["precision_check"]
    assert len(check) == 139
    produced = [r for rels in check.values() for r in rels]
    assert len(produced) <= 18, produced    # measured 17 (2026-12-08: 'refusing admittance' in a record coded AID for its other clause)
    assert all({"type", "source", "target", "plover", "record_category"} <= set(r) for r in produced)


def test_plover_benchmark_text_output_has_the_three_figures():
    r = runner.invoke(app, ["eval", str(PLOVER), "-q"])
    assert r.exit_code == 0
    total = next(line for line in r.stdout.splitlines() if line.startswith("TOTAL (183 articles"))
    assert "PLOVER category=" in total and " mode=" in total
    assert r.stdout.splitlines()[-1].startswith("PRECISION CHECK (139 records")


def test_plover_benchmark_files_are_the_converters_output(tmp_path):
    shutil.copy(PLOVER / "PLOVER_GSR_CAMEO.txt", tmp_path)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "plover_gold.py"), str(tmp_path)], check=True,
                   capture_output=True)
    made = sorted(p.name for p in tmp_path.glob("PLOVER-GSR01-*"))
    assert made == sorted(p.name for p in PLOVER.glob("PLOVER-GSR01-*"))
    for name in made:
        assert (tmp_path / name).read_bytes() == (PLOVER / name).read_bytes(), name


def test_plover_benchmark_sources_copied_unchanged():
    """The three PLOVER files are byte for byte those of the shared folder when it is there."""
    shared = ROOT.parent / "shared" / "plover"
    if not shared.is_dir():
        pytest.skip("no shared copy of the PLOVER files on this machine")
    for name in ("PLOVER_GSR_CAMEO.txt", "PLOVER_GSR_CAMEO_readme.tex", "PLOVER_MANUAL.tex"):
        assert (PLOVER / name).read_bytes() == (shared / name).read_bytes(), name
