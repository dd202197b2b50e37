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
    test_cmd = "python3 -m pip install -q -e '.[test]' && python3 -m pytest -q"
    assert test_cmd in README and test_cmd in ci


def test_docs_readme_opens_with_the_main_job():
    first = README.index("kg build examples/ --out exports/")
    assert first < README.index("python3 -m pytest")
