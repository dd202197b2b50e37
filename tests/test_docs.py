"""Docs that tests check: every command has help with an example and is in the README; the
README's test command is the one CI runs."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401
from kg.cli import app

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_docs_commands_registered():
    assert {"extract", "build", "eval", "export", "validate", "html"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_command_has_help_with_example(command):
    r = CliRunner().invoke(app, [command, "--help"])
    assert r.exit_code == 0
    assert "Example:" in r.stdout, f"kg {command} --help has no example"


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_command_in_readme(command):
    assert re.search(rf"`kg {command}\b", README), f"kg {command} is not in the README"


def test_docs_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest -q"
    assert test_cmd in README and test_cmd in ci


def test_docs_readme_opens_with_the_main_job():
    first = README.index("kg build examples/ --out exports/")
    assert first < README.index("python -m pytest")


def test_docs_readme_commands_need_no_system_pip():
    """PEP 668: Debian's system Python refuses `pip install`; both commands use a venv."""
    blocks = [ln.strip() for ln in README.split("## Commands")[0].splitlines() if ln.startswith("    python3")]
    assert len(blocks) == 2 and all(b.startswith("python3 -m venv .venv && .venv/bin/pip install") for b in blocks)


def test_docs_readme_notebook_example_runs():
    """The README's notebook example, run as written."""
    code = README.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    ex, g = scope["ex"], scope["g"]
    assert {r.type for r in ex.relations} >= {"met-with"}
    assert g.number_of_nodes() >= 2 and g.number_of_edges() == len(ex.relations)


def test_docs_version_option():
    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.startswith("kg (dipkg) ")
