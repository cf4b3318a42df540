"""Shared fixtures: where the project's corpus is, and small samples of it."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: Helper modules shared by several test folders (WARC writer, pathological pages) live here.
FIXTURES = Path(__file__).resolve().parent / "fixtures"
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))
#: The corpus and seeds live beside the clone, in ../shared; tests that need them skip without them.
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus" / "ham").is_dir():
        pytest.skip(f"../shared not found at {SHARED}: the corpus-based tests need the project's shared data")
    return SHARED


@pytest.fixture(scope="session")
def seed_html(shared_dir: Path) -> bytes:
    return (shared_dir / "seeds" / "000_d75b796f10b0b76a.rendered.html").read_bytes()


def _sample(shared: Path, every: int) -> list[dict]:
    records = []
    for path in sorted((shared / "corpus" / "ham").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i % every == 0:
                    records.append(json.loads(line))
    return records


@pytest.fixture(scope="session")
def ham_sample(shared_dir: Path) -> list[dict]:
    """About 125 real legitimate pages, every source represented."""
    return _sample(shared_dir, 30)


@pytest.fixture(scope="session")
def ham_all(shared_dir: Path) -> list[dict]:
    """Every real legitimate page of the corpus (3,763)."""
    return _sample(shared_dir, 1)
