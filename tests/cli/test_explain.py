"""``spamguard explain``: a readable per-feature report of one page."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

from features import FEATURE_DESCRIPTIONS, FEATURE_NAMES
from spider_plugins.cli import main


def feature_lines(out: str) -> list[str]:
    names = set(FEATURE_NAMES)
    return [line for line in out.splitlines() if len(line.split()) >= 3 and line.split()[2] in names]


def test_report_lists_every_feature_sorted_with_description(capsys, fixtures_dir: Path) -> None:
    path = fixtures_dir / "site" / "index.html"
    assert main(["explain", str(path), "--url", "https://allotments.example.org/"]) == 0
    out = capsys.readouterr().out
    assert f"page:      {path}" in out
    assert "url:       https://allotments.example.org/" in out
    assert re.search(r"^score:     \d\.\d{3}  \([<>]=? threshold \d\.\d{3}\)$", out, re.M)
    assert re.search(r"^verdict:   (SPAM|not spam)$", out, re.M)
    lines = feature_lines(out)
    assert sorted(line.split()[2] for line in lines) == sorted(FEATURE_NAMES)
    contributions = [float(line.split()[0]) for line in lines]
    assert contributions == sorted(contributions, reverse=True)
    for line in lines:
        assert line.rstrip().endswith(FEATURE_DESCRIPTIONS[line.split()[2]].rstrip())


def test_report_agrees_with_score(capsys, fixtures_dir: Path) -> None:
    path = str(fixtures_dir / "site" / "sub" / "latin1.htm")
    assert main(["score", "--format", "jsonl", path]) == 0
    record = json.loads(capsys.readouterr().out)
    assert main(["explain", path]) == 0
    out = capsys.readouterr().out
    assert f"score:     {record['score']:.3f}" in out
    assert ("verdict:   SPAM" in out) is record["spam"]
    assert "(none given: URL features are undefined)" in out
    top = record["reasons"][0]["feature"]
    assert feature_lines(out)[0].split()[2] == top


def test_explain_stdin(capsys, monkeypatch, fixtures_dir: Path) -> None:
    data = (fixtures_dir / "site" / "index.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["explain", "-"]) == 0
    out = capsys.readouterr().out
    assert "page:      -" in out and len(feature_lines(out)) == len(FEATURE_NAMES)


def test_explain_missing_file(capsys, tmp_path: Path) -> None:
    assert main(["explain", str(tmp_path / "nope.html")]) == 2
    captured = capsys.readouterr()
    assert "no such file or directory" in captured.err and captured.out == ""


def test_explain_takes_one_page(capsys, fixtures_dir: Path) -> None:
    assert main(["explain", str(fixtures_dir / "site")]) == 2
    assert "more than one page" in capsys.readouterr().err


def test_explain_unreadable_record(capsys, tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text("[1, 2]\n", encoding="utf-8")
    assert main(["explain", str(path)]) == 2
    assert "not an object" in capsys.readouterr().err
