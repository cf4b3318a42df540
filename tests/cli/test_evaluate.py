"""``spamguard evaluate`` on a labelled HTML directory written by the test, with the bundled model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from model import Scorer
from model.corpus import Record
from model.evaluate import evaluate_records
from model.metrics import OPERATING_FPRS
from spider_plugins.cli import main

DEMO_SITE = Path(__file__).resolve().parents[2] / "spider_plugins" / "demo_site"
SPAM = ("trending-news.html", "trending-celebrity.html", "link-farm.html", "parked-domain.html")


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer.load()


@pytest.fixture
def labelled_dir(tmp_path: Path) -> Path:
    """The demo site's pages as an HTML corpus: labels.csv with path,label,url."""
    rows = ["path,label,url"]
    for page in sorted(DEMO_SITE.glob("*.html")):
        shutil.copy(page, tmp_path / page.name)
        rows.append(f"{page.name},{'spam' if page.name in SPAM else 'ham'},http://demo.test/{page.name}")
    (tmp_path / "labels.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def _expected(scorer: Scorer, directory: Path, threshold: float) -> tuple[int, int, set[str]]:
    """(spam caught, ham flagged, ids judged wrongly), computed with the scoring API directly."""
    caught = flagged = 0
    wrong: set[str] = set()
    for page in sorted(directory.glob("*.html")):
        is_spam = scorer.score_html(page.read_bytes(), f"http://demo.test/{page.name}").score >= threshold
        label_spam = page.name in SPAM
        caught += is_spam and label_spam
        flagged += is_spam and not label_spam
        if is_spam != label_spam:
            wrong.add(page.name)
    return caught, flagged, wrong


def test_json_report_agrees_with_the_scoring_api(labelled_dir: Path, scorer: Scorer, capsys) -> None:
    assert main(["evaluate", "--corpus", str(labelled_dir), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    caught, flagged, wrong = _expected(scorer, labelled_dir, scorer.threshold)
    overall = report["overall"]
    assert (overall["n_spam"], overall["n_ham"]) == (len(SPAM), 12 - len(SPAM))
    assert overall["recall"] == pytest.approx(caught / len(SPAM))
    assert overall["false_positives"] == flagged
    assert report["threshold"] == scorer.threshold
    assert {r["id"].rsplit("/", 1)[-1] for r in report["wrong"]} == wrong
    assert report["errors"] == 0 and report["not_scored"] == []


def test_thresholds_calibrated_on_the_given_ham(labelled_dir: Path, scorer: Scorer, capsys) -> None:
    """For a crawl like this one: the threshold that keeps its own legitimate pages under each rate."""
    assert main(["evaluate", "--corpus", str(labelled_dir), "--format", "json"]) == 0
    points = json.loads(capsys.readouterr().out)["thresholds"]
    assert [p["target_fpr"] for p in points] == list(OPERATING_FPRS)
    ham_scores = [
        scorer.score_html(page.read_bytes(), f"http://demo.test/{page.name}").score
        for page in sorted(labelled_dir.glob("*.html"))
        if page.name not in SPAM
    ]
    for p in points:  # eight legitimate pages: every rate up to 5% allows none of them
        assert p["threshold"] > max(ham_scores) and p["fpr"] == 0
        assert p["recall"] == 1.0  # the demo's spam all scores above its legitimate pages
    assert main(["evaluate", "--corpus", str(labelled_dir)]) == 0
    out = capsys.readouterr().out
    assert "Thresholds calibrated on these 8 legitimate pages" in out
    assert "0.10%-5.00%" in out and "a rate below 12.5% allows none of them" in out


def test_threshold_option_and_text_report(labelled_dir: Path, capsys) -> None:
    # At threshold 0 every page is spam: all spam caught, every ham page a false positive.
    assert main(["evaluate", "--corpus", str(labelled_dir), "--threshold", "0"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("12 pages (4 spam, 8 ham, 0 not scored), threshold 0.0000")
    assert "Judged wrongly (8;" in out
    assert out.count("false positive") == 8 and "missed spam" not in out
    assert "top reason: " in out


def test_show_limits_the_listed_pages(labelled_dir: Path, capsys) -> None:
    assert main(["evaluate", "--corpus", str(labelled_dir), "--threshold", "0", "--show", "3"]) == 0
    out = capsys.readouterr().out
    assert "Judged wrongly (8; the 3 furthest from the threshold)" in out
    assert out.count("false positive") == 3
    assert main(["evaluate", "--corpus", str(labelled_dir), "--threshold", "0", "--show", "0"]) == 0
    out = capsys.readouterr().out
    assert "Judged wrongly: 8 (--show N lists them)" in out and "false positive" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--corpus", "/nonexistent/corpus"], "no such file or directory"),
        (["--corpus", "{dir}", "--threshold", "1.5"], "--threshold must be between 0 and 1"),
        (["--corpus", "{dir}", "--model", "/nonexistent/model"], "not a model directory"),
    ],
)
def test_usage_errors(labelled_dir: Path, capsys, args: list[str], message: str) -> None:
    argv = ["evaluate", *(a.format(dir=labelled_dir) for a in args)]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_a_page_that_cannot_be_scored_is_reported_and_the_rest_evaluated(scorer: Scorer) -> None:
    good = Record("good", "t", None, "ham", None, "<html><body><p>Fine.</p></body></html>")
    broken = Record("broken", "t", None, "spam", None, None)  # type: ignore[arg-type]  # a reader's bug
    results = evaluate_records(scorer, [broken, good])
    assert [r.id for r in results] == ["broken", "good"]
    assert results[0].score is None and results[0].error.startswith("TypeError")
    assert results[1].error is None and 0.0 <= results[1].score <= 1.0
