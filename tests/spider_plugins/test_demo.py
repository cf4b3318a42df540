"""`spamguard demo`: the README's first command crawls the bundled site and reports what it dropped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sg_helpers import AGGREGATOR_PAGES, HAM_PAGES

pytestmark = pytest.mark.slow

DEMO_TIMEOUT_S = 120
RUN_DEMO = """
import argparse, sys
from spider_plugins import demo
parser = argparse.ArgumentParser()
demo.add_arguments(parser)
sys.exit(demo.run(parser.parse_args(sys.argv[1:])))
"""


def run_demo(*args: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-c", RUN_DEMO, *args], capture_output=True, text=True, timeout=DEMO_TIMEOUT_S
    )
    return proc.returncode, proc.stdout, proc.stderr


def page(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_demo_keeps_ham_and_drops_aggregator_spam_with_reasons() -> None:
    code, out, err = run_demo("--json")
    assert code == 0, err[-2000:]
    result = json.loads(out)
    assert result["stats"]["finish_reason"] == "finished"
    kept = {page(i["url"]) for i in result["items"]}
    dropped = {page(line["url"]): line for line in result["audit"]}
    assert set(HAM_PAGES) <= kept
    # The first aggregator is linked from the forum and dropped. The second is linked only from spam pages
    # (the first aggregator, the link farm): it is downloaded and dropped only if one of them passed, and is
    # never kept.
    assert "trending-news.html" in dropped
    assert not kept & set(AGGREGATOR_PAGES)
    assert not kept & set(dropped)
    for line in dropped.values():
        assert line["action"] == "drop" and line["score"] >= line["threshold"] and line["reasons"]
    assert result["stats"]["spamguard/dropped"] == len(dropped)


def test_demo_report_is_readable() -> None:
    code, out, err = run_demo()
    assert code == 0, err[-2000:]
    assert "Kept: " in out and "Dropped: " in out and "spamguard/scored" in out
    assert "/trending-news.html" in out.split("Dropped: ", 1)[1]


def test_demo_with_a_broken_model_says_why(tmp_path: Path) -> None:
    missing = f"{tmp_path}/no-model"
    code, _out, err = run_demo("--model", missing)
    assert code == 2
    assert missing in err and "Traceback" not in err
