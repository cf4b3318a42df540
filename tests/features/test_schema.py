"""The schema: names, documentation, fingerprint, and the dependency rule."""

from __future__ import annotations

import csv
import inspect
import logging
import re
import subprocess
import sys
from pathlib import Path

from features import FEATURE_DESCRIPTIONS, FEATURE_NAMES, FEATURES, SCHEMA_FINGERPRINT, feature_vector, to_page
from features.schema import _code_digest


def test_names_are_unique_snake_case():
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", n) for n in FEATURE_NAMES)


def test_every_feature_says_what_it_measures_and_why():
    for fn in FEATURES:
        doc = inspect.getdoc(fn) or ""
        assert len(doc.split()) >= 8, fn.__name__
        assert FEATURE_DESCRIPTIONS[fn.__name__].endswith(".")


def test_fingerprint_ignores_comments_docstrings_and_layout_but_not_code():
    a = 'def f(page):\n    """Doc."""\n    return 1  # one\n'
    b = "def f(page):\n    # reformatted\n    return (\n        1\n    )\n"
    c = 'def f(page):\n    """Doc."""\n    return 2\n'
    assert _code_digest(a) == _code_digest(b)
    assert _code_digest(a) != _code_digest(c)
    assert re.fullmatch(r"[0-9a-f]{16}", SCHEMA_FINGERPRINT)


def test_fingerprint_is_stable_across_processes():
    code = "from features import SCHEMA_FINGERPRINT; print(SCHEMA_FINGERPRINT)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == SCHEMA_FINGERPRINT


def test_importing_features_imports_neither_scrapy_nor_lightgbm():
    code = "import sys, features; print(sorted(m for m in ('scrapy', 'lightgbm', 'twisted') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HELDOUT_SETS = (FIXTURES / "heldout", FIXTURES / "heldout2")


def _pages_for_failure_check(ham_sample: list[dict]) -> list[tuple[str, bytes | str, str | None]]:
    pages: list[tuple[str, bytes | str, str | None]] = [(r["id"], r["html"], r.get("url")) for r in ham_sample]
    for held_out in HELDOUT_SETS:
        with (held_out / "labels.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                pages.append((row["path"], (held_out / row["path"]).read_bytes(), row.get("url") or None))
    return pages


def test_no_feature_fails_on_real_and_hand_written_pages(ham_sample: list[dict], caplog) -> None:
    """A feature that raises gives nan instead of crashing, which would also hide a bug: none may raise
    on real pages or on the hand-written evaluation pages."""
    caplog.set_level(logging.DEBUG, logger="features.schema")
    for page_id, html, url in _pages_for_failure_check(ham_sample):
        feature_vector(to_page(html, url))
        failed = [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]
        assert not failed, f"{page_id}: {failed}"
