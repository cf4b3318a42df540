"""The spider middleware over hostile input and faults (issue 6), called as Scrapy calls it.

Every pathological page of tests/features/test_hostile.py, full size, goes through
``process_spider_input`` and ``process_spider_output`` of a middleware built from a real crawler: it is
scored (or fails and is counted), then passes, is dropped or has its items flagged as configured. Faults
injected into a real Scorer give the documented fail-open / fail-closed behaviour, counted per exception
type and logged once per type; an audit file on a full disk costs a counted, once-logged error.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import lightgbm
import pytest
from pathological import pathological
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse
from scrapy.utils.misc import build_from_crawler
from sg_helpers import AGGREGATOR_PAGES, HAM_PAGES, demo_page

from spider_plugins import SpamDropped, SpamGuardSpiderMiddleware
from spider_plugins.middleware import LOG_TOP_REASONS

CrawlerFactory = Callable[..., Crawler]
URL = "http://hostile.test/page"
PAGE = b"<html><body><h1>Opening hours</h1><p>The library opens at nine.</p></body></html>"
MW_LOGGER = "spider_plugins.middleware"


@pytest.fixture(scope="module")
def pages() -> dict[str, bytes]:
    return pathological()


def spamguard_stats(crawler: Crawler) -> dict[str, Any]:
    assert crawler.stats is not None
    return {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("spamguard/")}


def delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}


def response_for(body: bytes, url: str = URL) -> HtmlResponse:
    return HtmlResponse(url, body=body, request=Request(url), headers={"Content-Type": "text/html"})


def callback_output(response: HtmlResponse) -> Iterator[Any]:
    """What a spider callback yields: an item and a followed link."""
    yield {"url": response.url}
    yield Request(response.urljoin("/next"))


def run_page(mw: SpamGuardSpiderMiddleware, response: HtmlResponse) -> tuple[str, list[Any]]:
    """What Scrapy does with one response: input check, then the callback's output through the middleware
    (or, on a drop, the middleware's own exception handler)."""
    try:
        mw.process_spider_input(response)
    except SpamDropped as exc:
        assert mw.process_spider_exception(response, exc) == ()  # swallowed quietly, like HttpError
        return "dropped", []
    return "passed", list(mw.process_spider_output(response, callback_output(response)))


def page_by_top_reasons(mw: SpamGuardSpiderMiddleware, candidates: dict[str, bytes], *, undefined: bool) -> str | None:
    """The first candidate whose logged top reasons include (or, with ``undefined=False``, lack) a
    feature that is undefined on it."""
    for name, body in candidates.items():
        reasons = mw.scorer.score_html(body).reasons[:LOG_TOP_REASONS]
        if any(math.isnan(r.value) for r in reasons) == undefined:
            return name
    return None


@pytest.mark.parametrize(
    "settings",
    [
        {"SPAMGUARD_ACTION": "drop", "SPAMGUARD_FAIL_OPEN": True},
        # threshold 0: every scored page is spam, so every page's items are flagged
        {"SPAMGUARD_ACTION": "flag", "SPAMGUARD_FAIL_OPEN": False, "SPAMGUARD_THRESHOLD": 0.0},
    ],
    ids=["drop-fail-open", "flag-everything-fail-closed"],
)
def test_every_pathological_page_passes_or_drops_and_is_counted(
    make_crawler: CrawlerFactory, pages: dict[str, bytes], settings: dict[str, Any]
) -> None:
    crawler = make_crawler({**settings, "SPAMGUARD_HOST_MIN_PAGES": 0})
    mw = build_from_crawler(SpamGuardSpiderMiddleware, crawler)
    action = settings["SPAMGUARD_ACTION"]
    # Only a host's first spam page is logged: let that be a spam page whose logged reasons are all
    # defined (an undefined one is tested on its own below).
    spam = {name: demo_page(name) for name in AGGREGATOR_PAGES}
    first = page_by_top_reasons(mw, spam, undefined=False)
    assert first is not None
    run_page(mw, response_for(spam[first], f"{URL}/first"))
    for name, body in pages.items():
        before = spamguard_stats(crawler)
        response = response_for(body, f"{URL}/{name}")
        outcome, output = run_page(mw, response)
        got = delta(before, spamguard_stats(crawler))
        errors = {k: v for k, v in got.items() if k.startswith("spamguard/error/")}
        histogram = sum(v for k, v in got.items() if k.startswith("spamguard/score_histogram/"))
        assert got.get("spamguard/scored", 0) + sum(errors.values()) == 1, (name, got)
        assert histogram == got.get("spamguard/scored", 0), (name, got)
        verdict = response.meta.get("spamguard")
        if got.get("spamguard/scored"):
            assert verdict is not None and 0.0 <= verdict["score"] <= 1.0, name
            json.dumps(verdict, allow_nan=False)  # storable as is: no NaN or infinity
            assert all(math.isfinite(r["contribution"]) for r in verdict["reasons"]), name
        else:
            assert verdict is None, name
        if outcome == "dropped":
            assert got["spamguard/dropped"] == 1, (name, got)
            assert (verdict is not None and verdict["spam"]) or (errors and not settings["SPAMGUARD_FAIL_OPEN"])
        else:
            item, request = output
            assert isinstance(request, Request) and item["url"] == response.url, name
            if action == "flag" and verdict is not None:
                assert item["spamguard"] == verdict, name
                assert got["spamguard/flagged_items"] == 1, (name, got)
            else:
                assert "spamguard" not in item, name
            assert "spamguard/dropped" not in got, (name, got)


# -- faults injected into a real Scorer ------------------------------------------------------------

#: The exception each page's scoring raises, in order: three types, repeated.
FAULTS: tuple[type[Exception], ...] = (
    ValueError,
    ValueError,
    RecursionError,
    lightgbm.basic.LightGBMError,
    ValueError,
    RecursionError,
    MemoryError,
)


def inject_faults(mw: SpamGuardSpiderMiddleware, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scorer's prediction step raises FAULTS one after the other; feature extraction runs for real."""
    faults = iter(FAULTS)

    def failing_contributions(vector: Any) -> Any:
        kind = next(faults)
        raise kind(f"injected {kind.__name__}")

    monkeypatch.setattr(mw.scorer, "contributions", failing_contributions)


@pytest.mark.parametrize("fail_open", [True, False], ids=["fail-open", "fail-closed"])
def test_scoring_faults_follow_fail_open_counted_per_type_logged_once_per_type(
    make_crawler: CrawlerFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    fail_open: bool,
) -> None:
    audit = tmp_path / "audit.jsonl"
    crawler = make_crawler({"SPAMGUARD_FAIL_OPEN": fail_open, "SPAMGUARD_AUDIT_FILE": str(audit)})
    mw = build_from_crawler(SpamGuardSpiderMiddleware, crawler)
    inject_faults(mw, monkeypatch)
    outcomes = []
    with caplog.at_level(logging.INFO, logger=MW_LOGGER):
        for i in range(len(FAULTS)):
            response = response_for(PAGE, f"http://faulty.test/{i}")
            outcome, output = run_page(mw, response)
            outcomes.append(outcome)
            assert "spamguard" not in response.meta
            if outcome == "passed":
                assert [type(o).__name__ for o in output] == ["dict", "Request"]
                assert "spamguard" not in output[0]
    kinds = {kind.__name__: FAULTS.count(kind) for kind in FAULTS}
    expected = {f"spamguard/error/{kind}": n for kind, n in kinds.items()}
    if fail_open:
        assert outcomes == ["passed"] * len(FAULTS)
    else:
        assert outcomes == ["dropped"] * len(FAULTS)
        expected["spamguard/dropped"] = len(FAULTS)
    assert spamguard_stats(crawler) == expected
    logged = [r for r in caplog.records if r.name == MW_LOGGER]
    assert [r.levelno for r in logged] == [logging.ERROR] * len(kinds)  # once per exception type
    for record, kind in zip(logged, kinds, strict=True):
        message = record.getMessage()
        assert kind in message and f"injected {kind}" in message
        assert ("passes" if fail_open else "is dropped") in message
        assert record.exc_info is not None and record.exc_info[0].__name__ == kind
    lines = [json.loads(x) for x in audit.read_text().splitlines()] if audit.exists() else []
    if fail_open:
        assert lines == []  # a page that passed unscored is not spam: nothing to audit
    else:
        assert [line["error"] for line in lines] == [f"{k.__name__}: injected {k.__name__}" for k in FAULTS]
        assert all(line["score"] is None and line["action"] == "drop" for line in lines)

    monkeypatch.undo()  # the fault goes away: the same middleware scores again
    before = spamguard_stats(crawler)
    run_page(mw, response_for(PAGE, "http://faulty.test/recovered"))
    assert delta(before, spamguard_stats(crawler)).get("spamguard/scored") == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to simulate a full disk")
def test_audit_file_on_a_full_disk_crawl_goes_on(
    make_crawler: CrawlerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    # threshold 0: every page is spam and dropped, so each one tries to write an audit line
    crawler = make_crawler({"SPAMGUARD_AUDIT_FILE": "/dev/full", "SPAMGUARD_THRESHOLD": 0.0})
    mw = build_from_crawler(SpamGuardSpiderMiddleware, crawler)
    candidates = {name: demo_page(name) for name in (*AGGREGATOR_PAGES, *HAM_PAGES)}
    name = page_by_top_reasons(mw, candidates, undefined=False)
    assert name is not None
    with caplog.at_level(logging.ERROR):
        outcomes = [run_page(mw, response_for(candidates[name], f"http://full.test/{i}"))[0] for i in range(3)]
    assert outcomes == ["dropped"] * 3
    got = spamguard_stats(crawler)
    assert got["spamguard/dropped"] == got["spamguard/error/audit"] == 3
    (error,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "/dev/full" in error.getMessage() and "No space left" in error.getMessage()


def test_first_spam_page_with_an_undefined_top_reason_is_logged(
    make_crawler: CrawlerFactory, pages: dict[str, bytes], caplog: pytest.LogCaptureFixture
) -> None:
    """The INFO line of a host's first spam page names its top reasons; an undefined value (None in the
    verdict dict) once raised TypeError there, outside the scoring error handling, losing the page."""
    crawler = make_crawler({"SPAMGUARD_THRESHOLD": 0.0})  # every page is spam
    mw = build_from_crawler(SpamGuardSpiderMiddleware, crawler)
    candidates = {"plain": PAGE, **{k: v for k, v in pages.items() if len(v) < 1_000_000}}
    name = page_by_top_reasons(mw, candidates, undefined=True)
    if name is None:
        pytest.skip("no page here has an undefined feature among its top reasons under this model")
    with caplog.at_level(logging.INFO, logger=MW_LOGGER):
        outcome, _ = run_page(mw, response_for(candidates[name], f"{URL}/{name}"))
    assert outcome == "dropped"
    (line,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Dropped spam page")]
    assert f"{URL}/{name}" in line and "=undefined (" in line
