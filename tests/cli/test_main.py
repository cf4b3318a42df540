"""The ``spamguard`` entry point: version, help, verbosity, subcommand wiring, import hygiene."""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from spider_plugins.cli import main


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"spamguard {version('scrapy-spamguard')}"


def test_help_lists_the_subcommands(capsys) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("score", "explain", "train", "evaluate", "demo"):
        assert command in out


def test_no_subcommand_is_a_usage_error(capsys) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys, fixtures_dir: Path) -> None:
    assert main(["score", "--bogus", str(fixtures_dir / "site")]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


@pytest.mark.parametrize(("flags", "level"), [([], logging.WARNING), (["-v"], logging.INFO), (["-vv"], logging.DEBUG)])
def test_verbosity_sets_the_log_level(capsys, fixtures_dir: Path, flags: list[str], level: int) -> None:
    assert main([*flags, "score", "--format", "jsonl", str(fixtures_dir / "site")]) == 0
    assert logging.getLogger().level == level


def test_verbosity_after_the_subcommand(fixtures_dir: Path, capsys) -> None:
    assert main(["-v", "score", "-v", "--format", "jsonl", str(fixtures_dir / "site")]) == 0
    assert logging.getLogger().level == logging.DEBUG


@pytest.mark.parametrize(
    ("command", "module"), [("train", "model.train"), ("evaluate", "model.evaluate"), ("demo", "spider_plugins.demo")]
)
def test_pluggable_subcommands(capsys, command: str, module: str) -> None:
    if importlib.util.find_spec(module) is None:
        assert main([command, "--some-option", "value"]) == 2
        assert f"spamguard {command}: not available" in capsys.readouterr().err
    else:
        assert main([command, "--help"]) == 0
        assert capsys.readouterr().out.startswith(f"usage: spamguard {command}")


def test_import_has_no_heavy_side_effects() -> None:
    code = (
        "import sys, spider_plugins.cli\n"
        "heavy = sorted(m for m in ('scrapy', 'lightgbm', 'lxml', 'numpy', 'model') if m in sys.modules)\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
