"""Shared helpers for the ``spamguard`` CLI tests: a WARC writer and a small JSONL batch."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import warcs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "cli"

#: Pages in the batch used for the parallel tests: more than the CLI scores in-process.
BATCH_PAGES = 60


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def write_warc() -> Callable[..., list[str]]:
    """The shared WARC writer (tests/fixtures/warcs.py)."""
    return warcs.write_warc


def batch_page(i: int) -> str:
    """A page that differs from its neighbours in structure, so scores differ across the batch."""
    links = "".join(f'<li><a href="https://site{i}-{k}.example/">Partner {k}</a></li>' for k in range(i % 7 * 5))
    paras = "".join(
        f"<p>Paragraph {k} of page {i}: the council discussed the bus timetable and the new bridge.</p>"
        for k in range(1 + i % 4)
    )
    head = f"<head><title>Page {i}</title></head>"
    return f"<html>{head}<body><h1>Page {i}</h1>{paras}<ul>{links}</ul></body></html>"


@pytest.fixture
def batch_jsonl(tmp_path: Path) -> Path:
    """BATCH_PAGES records with one bad line in the middle."""
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": f"p{i}", "url": f"https://news{i}.example/a/{i}", "html": batch_page(i)})
        for i in range(BATCH_PAGES)
    ]
    lines.insert(BATCH_PAGES // 2, "{this line is not JSON")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def restore_root_log_level() -> Iterator[None]:
    """``main`` sets the root log level from ``-v``; put it back for the tests that follow."""
    root = logging.getLogger()
    level = root.level
    yield
    root.setLevel(level)
