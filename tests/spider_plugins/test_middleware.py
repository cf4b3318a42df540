"""The SpamGuard middlewares called directly, as Scrapy calls them, with the bundled model."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import pytest
import scrapy
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.utils.misc import build_from_crawler
from sg_helpers import AGGREGATOR_PAGES, HAM_PAGES, SPAM_PAGES, demo_page, html_response

from model import ModelError, Scorer
from spider_plugins import (
    HostBlocked,
    SpamDropped,
    SpamGuardDownloaderMiddleware,
    SpamGuardSpiderMiddleware,
)

SPAM = "trending-news.html"
HAM = "sewing-machine-repair.html"

CrawlerFactory = Callable[..., Crawler]


def spider_mw(crawler: Crawler) -> SpamGuardSpiderMiddleware:
    return build_from_crawler(SpamGuardSpiderMiddleware, crawler)


def stats(crawler: Crawler) -> dict[str, Any]:
    assert crawler.stats is not None
    return {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("spamguard/")}


def histogram_total(crawler: Crawler) -> int:
    return sum(v for k, v in stats(crawler).items() if k.startswith("spamguard/score_histogram/"))


# -- construction --------------------------------------------------------------------------------


def test_disabled_raises_not_configured(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler({"SPAMGUARD_ENABLED": False})
    with pytest.raises(NotConfigured):
        spider_mw(crawler)
    with pytest.raises(NotConfigured):
        build_from_crawler(SpamGuardDownloaderMiddleware, crawler)


@pytest.mark.parametrize("settings", [{"SPAMGUARD_ACTION": "flag"}, {"SPAMGUARD_HOST_MIN_PAGES": 0}])
def test_downloader_mw_off_without_escalation(make_crawler: CrawlerFactory, settings: dict[str, Any]) -> None:
    with pytest.raises(NotConfigured):
        build_from_crawler(SpamGuardDownloaderMiddleware, make_crawler(settings))


def test_bad_model_path_stops_start_up_naming_the_file(make_crawler: CrawlerFactory, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelError) as info:
        spider_mw(make_crawler({"SPAMGUARD_MODEL": str(missing)}))
    assert str(missing) in str(info.value)


def test_invalid_action_stops_start_up(make_crawler: CrawlerFactory) -> None:
    with pytest.raises(ValueError, match="SPAMGUARD_ACTION must be one of drop, flag, monitor"):
        spider_mw(make_crawler({"SPAMGUARD_ACTION": "quarantine"}))


# -- the labelled pages --------------------------------------------------------------------------


@pytest.mark.parametrize("name", HAM_PAGES)
def test_ham_page_passes_with_verdict_in_meta(make_crawler: CrawlerFactory, name: str) -> None:
    crawler = make_crawler()
    mw = spider_mw(crawler)
    response = html_response(name)
    assert mw.process_spider_input(response) is None
    verdict = response.meta["spamguard"]
    assert verdict["spam"] is False, f"{name}: {verdict}"
    assert set(verdict) == {"score", "spam", "threshold", "reasons"}
    assert verdict["threshold"] == pytest.approx(mw.scorer.threshold, abs=1e-6)
    assert stats(crawler)["spamguard/scored"] == 1
    assert "spamguard/dropped" not in stats(crawler)
    assert histogram_total(crawler) == 1


#: Demo spam pages the bundled model does not catch (at the URLs below), with the reason (its score against
#: its threshold). None at present. Strict: a model that catches a page listed here turns its test into a
#: failure, and the mark must go.
KNOWN_MODEL_MISSES: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_MODEL_MISSES[n], strict=True))
        if n in KNOWN_MODEL_MISSES
        else n
        for n in SPAM_PAGES
    ],
)
def test_spam_page_dropped_before_callback(make_crawler: CrawlerFactory, name: str) -> None:
    crawler = make_crawler()
    mw = spider_mw(crawler)
    response = html_response(name, url=f"http://spam.test/{name}")
    with pytest.raises(SpamDropped) as info:
        mw.process_spider_input(response)
    assert info.value.response is response
    assert info.value.verdict == response.meta["spamguard"]
    assert response.meta["spamguard"]["spam"] is True
    # The middleware swallows its own exception: no items, no requests, no traceback.
    swallowed = mw.process_spider_exception(response, info.value)
    assert swallowed is not None and list(swallowed) == []
    assert mw.process_spider_exception(response, ValueError("spider bug")) is None
    got = stats(crawler)
    assert got["spamguard/scored"] == got["spamguard/spam"] == got["spamguard/dropped"] == 1
    assert histogram_total(crawler) == 1


def test_first_drop_per_host_logged_with_reasons(
    make_crawler: CrawlerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = make_crawler({"SPAMGUARD_HOST_MIN_PAGES": 0})
    mw = spider_mw(crawler)
    with caplog.at_level(logging.INFO, logger="spider_plugins.middleware"):
        for i, name in enumerate(AGGREGATOR_PAGES * 3):
            with pytest.raises(SpamDropped):
                mw.process_spider_input(html_response(name, url=f"http://spam.test/{i}"))
        with pytest.raises(SpamDropped):
            mw.process_spider_input(html_response(SPAM, url="http://other.test/x"))
    drops = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Dropped spam page")]
    assert len(drops) == 2  # one per host, every one counted
    assert "http://spam.test/0" in drops[0]
    assert "top reasons: " in drops[0] and "top reasons: none" not in drops[0]
    assert stats(crawler)["spamguard/dropped"] == len(AGGREGATOR_PAGES) * 3 + 1


# -- skips ---------------------------------------------------------------------------------------


def test_dont_spamguard_skips(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler()
    mw = spider_mw(crawler)
    response = html_response(SPAM, meta={"dont_spamguard": True})
    assert mw.process_spider_input(response) is None
    assert "spamguard" not in response.meta
    assert stats(crawler) == {"spamguard/skipped/dont_spamguard": 1}


@pytest.mark.parametrize(
    "response",
    [
        Response("http://a.test/x.pdf", body=b"%PDF-1.4 binary", request=Request("http://a.test/x.pdf")),
        TextResponse(
            "http://a.test/x.txt",
            body=b"plain text",
            headers={"Content-Type": "text/plain"},
            request=Request("http://a.test/x.txt"),
        ),
        XmlResponse("http://a.test/sitemap.xml", body=b"<urlset/>", request=Request("http://a.test/sitemap.xml")),
    ],
    ids=["binary", "text", "xml"],
)
def test_non_html_skipped(make_crawler: CrawlerFactory, response: Response) -> None:
    crawler = make_crawler()
    assert spider_mw(crawler).process_spider_input(response) is None
    assert stats(crawler) == {"spamguard/skipped/non_html": 1}


def test_text_response_with_html_content_type_is_scored(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler()
    response = TextResponse(
        "http://a.test/p",
        body=demo_page(HAM),
        headers={"Content-Type": "application/xhtml+xml; charset=utf-8"},
        request=Request("http://a.test/p"),
    )
    spider_mw(crawler).process_spider_input(response)
    assert stats(crawler)["spamguard/scored"] == 1


# -- parse once ----------------------------------------------------------------------------------


def test_scorer_reads_the_responses_own_tree(make_crawler: CrawlerFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    mw = spider_mw(make_crawler())
    seen: list[Any] = []
    original = mw.scorer.score_html

    def recording(html: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(html)
        return original(html, *args, **kwargs)

    monkeypatch.setattr(mw.scorer, "score_html", recording)
    response = html_response(HAM)
    mw.process_spider_input(response)
    assert seen == [response.selector.root]  # the very tree the spider's selectors use


def test_oversized_body_scored_from_a_bounded_prefix(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler({"SPAMGUARD_MAX_BYTES": 4096})
    body = demo_page(HAM) + b"<p>" + b"filler " * 200_000 + b"</p>"
    response = html_response(body)
    spider_mw(crawler).process_spider_input(response)
    assert stats(crawler)["spamguard/scored"] == 1
    assert "spamguard" in response.meta


# -- thresholds ----------------------------------------------------------------------------------


def test_threshold_setting_and_meta_override(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler({"SPAMGUARD_THRESHOLD": 1.0, "SPAMGUARD_HOST_MIN_PAGES": 0})
    mw = spider_mw(crawler)
    lenient = html_response(SPAM)
    mw.process_spider_input(lenient)  # nothing reaches a threshold of 1.0 ... unless the score is exactly 1
    assert lenient.meta["spamguard"]["threshold"] == 1.0
    strict = html_response(HAM, meta={"spamguard_threshold": 0.0})
    with pytest.raises(SpamDropped):
        mw.process_spider_input(strict)
    assert strict.meta["spamguard"]["threshold"] == 0.0


# -- flag and monitor ----------------------------------------------------------------------------


class PageItem(scrapy.Item):
    url = scrapy.Field()
    spamguard = scrapy.Field()


class BareItem(scrapy.Item):
    url = scrapy.Field()


@dataclasses.dataclass
class PageData:
    url: str
    spamguard: dict[str, Any] | None = None


@attrs.define
class PageAttrs:
    url: str
    spamguard: dict[str, Any] | None = None


def items_of_every_kind(url: str) -> list[Any]:
    return [{"url": url}, PageItem(url=url), PageData(url=url), PageAttrs(url=url)]


def field(item: Any) -> Any:
    return item.get("spamguard") if isinstance(item, (dict, scrapy.Item)) else item.spamguard


def run_output(mw: SpamGuardSpiderMiddleware, response: Response, result: list[Any], use_async: bool) -> list[Any]:
    if not use_async:
        return list(mw.process_spider_output(response, result))

    async def source() -> AsyncIterator[Any]:
        for o in result:
            yield o

    async def collect() -> list[Any]:
        return [o async for o in mw.process_spider_output_async(response, source())]

    return asyncio.run(collect())


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_flag_marks_every_item_from_spam_and_passes_requests(make_crawler: CrawlerFactory, use_async: bool) -> None:
    crawler = make_crawler({"SPAMGUARD_ACTION": "flag"})
    mw = spider_mw(crawler)
    spam = html_response(SPAM, url="http://spam.test/a")
    assert mw.process_spider_input(spam) is None  # the callback runs
    follow = Request("http://spam.test/next")
    out = run_output(mw, spam, [*items_of_every_kind(spam.url), follow], use_async)
    assert out[-1] is follow
    for item in out[:-1]:
        assert field(item) == spam.meta["spamguard"], type(item)
        assert field(item)["spam"] is True

    ham = html_response(HAM, url="http://ham.test/a")
    mw.process_spider_input(ham)
    for item in run_output(mw, ham, items_of_every_kind(ham.url), use_async):
        assert field(item) is None
    got = stats(crawler)
    assert got["spamguard/flagged"] == 1
    assert got["spamguard/flagged_items"] == 4
    assert got["spamguard/scored"] == 2
    assert "spamguard/dropped" not in got


def test_flag_field_missing_on_item_class_is_counted_and_warned_once(
    make_crawler: CrawlerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = make_crawler({"SPAMGUARD_ACTION": "flag"})
    mw = spider_mw(crawler)
    spam = html_response(SPAM)
    mw.process_spider_input(spam)
    with caplog.at_level(logging.WARNING, logger="spider_plugins.middleware"):
        out = list(mw.process_spider_output(spam, [BareItem(url="a"), BareItem(url="b")]))
    assert [dict(i) for i in out] == [{"url": "a"}, {"url": "b"}]  # passed on, unflagged
    assert stats(crawler)["spamguard/error/flag_field"] == 2
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "BareItem" in warnings[0] and "'spamguard'" in warnings[0]


def test_custom_flag_field(make_crawler: CrawlerFactory) -> None:
    mw = spider_mw(make_crawler({"SPAMGUARD_ACTION": "flag", "SPAMGUARD_FLAG_FIELD": "spam_verdict"}))
    spam = html_response(SPAM)
    mw.process_spider_input(spam)
    (item,) = mw.process_spider_output(spam, [{"url": spam.url}])
    assert item["spam_verdict"]["spam"] is True and "spamguard" not in item


def test_monitor_only_counts(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler({"SPAMGUARD_ACTION": "monitor"})
    mw = spider_mw(crawler)
    spam = html_response(SPAM)
    assert mw.process_spider_input(spam) is None
    assert spam.meta["spamguard"]["spam"] is True
    assert list(mw.process_spider_output(spam, [{"url": spam.url}])) == [{"url": spam.url}]
    got = stats(crawler)
    assert got["spamguard/spam"] == 1
    assert "spamguard/dropped" not in got and "spamguard/flagged" not in got


# -- audit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["drop", "flag", "monitor"])
def test_audit_line_per_spam_page(make_crawler: CrawlerFactory, tmp_path: Path, action: str) -> None:
    path = tmp_path / "audit.jsonl"
    mw = spider_mw(make_crawler({"SPAMGUARD_ACTION": action, "SPAMGUARD_AUDIT_FILE": str(path)}))
    for url, name in [
        ("http://ham.test/1", HAM),
        ("http://spam.test/1", SPAM),
        ("http://spam.test/2", "trending-celebrity.html"),
    ]:
        try:
            mw.process_spider_input(html_response(name, url=url))
        except SpamDropped:
            assert action == "drop"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["url"] for line in lines] == ["http://spam.test/1", "http://spam.test/2"]
    for line in lines:
        assert line["action"] == action
        assert line["host"] == "spam.test"
        assert line["score"] >= line["threshold"] == pytest.approx(mw.scorer.threshold, abs=1e-6)
        assert 1 <= len(line["reasons"]) <= 5
        assert set(line["reasons"][0]) == {"feature", "value", "contribution"}
        assert line["time"].endswith("+00:00")


def test_audit_not_writable_crawl_goes_on(
    make_crawler: CrawlerFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = make_crawler({"SPAMGUARD_AUDIT_FILE": str(tmp_path / "missing-dir" / "audit.jsonl")})
    mw = spider_mw(crawler)
    with caplog.at_level(logging.ERROR):
        for i in range(3):
            with pytest.raises(SpamDropped):
                mw.process_spider_input(html_response(SPAM, url=f"http://spam.test/{i}"))
    got = stats(crawler)
    assert got["spamguard/dropped"] == 3
    assert got["spamguard/error/audit"] == 3
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1


# -- scoring errors ------------------------------------------------------------------------------


def break_scorer(mw: SpamGuardSpiderMiddleware, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("injected scoring fault")

    monkeypatch.setattr(mw.scorer, "score_html", fail)


def test_fail_open_passes_counts_and_logs_once(
    make_crawler: CrawlerFactory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = make_crawler()
    mw = spider_mw(crawler)
    break_scorer(mw, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="spider_plugins.middleware"):
        for i in range(3):
            response = html_response(SPAM, url=f"http://spam.test/{i}")
            assert mw.process_spider_input(response) is None
            assert "spamguard" not in response.meta
    assert stats(crawler) == {"spamguard/error/RuntimeError": 3}
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "injected scoring fault" in errors[0].getMessage()


def test_fail_closed_drops(make_crawler: CrawlerFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    crawler = make_crawler({"SPAMGUARD_FAIL_OPEN": False, "SPAMGUARD_AUDIT_FILE": str(audit)})
    mw = spider_mw(crawler)
    break_scorer(mw, monkeypatch)
    with pytest.raises(SpamDropped) as info:
        mw.process_spider_input(html_response(HAM))
    assert info.value.verdict is None
    assert stats(crawler) == {"spamguard/error/RuntimeError": 1, "spamguard/dropped": 1}
    (line,) = [json.loads(x) for x in audit.read_text().splitlines()]
    assert line["error"] == "RuntimeError: injected scoring fault" and line["score"] is None


# -- host escalation -----------------------------------------------------------------------------


def score_pages(mw: SpamGuardSpiderMiddleware, host: str, names: Iterable[str]) -> None:
    for i, name in enumerate(names):
        with contextlib.suppress(SpamDropped):
            mw.process_spider_input(html_response(name, url=f"http://{host}/{i}.html"))


def test_host_escalation_blocks_before_download(
    make_crawler: CrawlerFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    audit = tmp_path / "audit.jsonl"
    crawler = make_crawler({"SPAMGUARD_AUDIT_FILE": str(audit)})
    smw = spider_mw(crawler)
    dmw = build_from_crawler(SpamGuardDownloaderMiddleware, crawler)
    with caplog.at_level(logging.INFO, logger="spider_plugins.middleware"):
        score_pages(smw, "spam.test", AGGREGATOR_PAGES * 2)  # 4 pages: not yet
        assert dmw.process_request(Request("http://spam.test/more")) is None
        score_pages(smw, "spam.test", [SPAM])  # 5 of 5
        score_pages(smw, "ham.test", HAM_PAGES)
        for i in range(3):
            with pytest.raises(HostBlocked):
                dmw.process_request(Request(f"http://spam.test/more{i}"))
    assert dmw.process_request(Request("http://ham.test/more")) is None
    assert dmw.process_request(Request("http://spam.test/x", meta={"dont_spamguard": True})) is None
    got = stats(crawler)
    assert got["spamguard/host_blocked"] == 3
    assert got["spamguard/hosts_blocked"] == 1
    blocks = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Blocking host")]
    assert blocks == [blocks[0]] and "spam.test" in blocks[0]
    lines = [json.loads(x) for x in audit.read_text().splitlines()]
    blocked = [line for line in lines if line["action"] == "host_blocked"]
    assert [line["url"] for line in blocked] == [f"http://spam.test/more{i}" for i in range(3)]


def test_host_escalation_state_is_bounded(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler({"SPAMGUARD_HOST_MIN_PAGES": 1, "SPAMGUARD_HOST_MAX_TRACKED": 2})
    smw = spider_mw(crawler)
    dmw = build_from_crawler(SpamGuardDownloaderMiddleware, crawler)
    score_pages(smw, "spam.test", [SPAM])
    with pytest.raises(HostBlocked):
        dmw.process_request(Request("http://spam.test/a"))
    score_pages(smw, "ham1.test", [HAM])
    score_pages(smw, "ham2.test", [HAM])  # spam.test is now the least recently used and goes
    assert dmw.process_request(Request("http://spam.test/b")) is None


def test_no_escalation_in_flag_mode(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler({"SPAMGUARD_ACTION": "flag"})
    smw = spider_mw(crawler)
    score_pages(smw, "spam.test", [SPAM] * 6)
    assert "spamguard/hosts_blocked" not in stats(crawler)
    assert stats(crawler)["spamguard/flagged"] == 6


def test_shared_state_is_per_crawler(make_crawler: CrawlerFactory) -> None:
    first = make_crawler({"SPAMGUARD_HOST_MIN_PAGES": 1})
    score_pages(spider_mw(first), "spam.test", [SPAM])
    other = make_crawler({"SPAMGUARD_HOST_MIN_PAGES": 1})
    assert (
        build_from_crawler(SpamGuardDownloaderMiddleware, other).process_request(Request("http://spam.test/")) is None
    )
    with pytest.raises(HostBlocked):
        build_from_crawler(SpamGuardDownloaderMiddleware, first).process_request(Request("http://spam.test/"))


def test_loaded_scorer_is_the_bundled_model(make_crawler: CrawlerFactory, scorer: Scorer) -> None:
    assert spider_mw(make_crawler()).scorer.manifest == scorer.manifest


# -- hostile input -------------------------------------------------------------------------------

DEEP_NESTING = 100_000
HUGE_LINE_BYTES = 10_000_000
HUGE_ATTRIBUTE_BYTES = 1_000_000
REFRESH_TAGS = 5_000


def hostile_bodies() -> dict[str, tuple[bytes, str]]:
    """Pathological bodies, built here rather than committed: (body, Content-Type)."""
    html = "text/html"
    return {
        "empty": (b"", html),
        "whitespace": (b" \n\t " * 100, html),
        "binary": (bytes(range(256)) * 64, html),
        "nul_bytes": (b"<html><body><p>a\x00b\x00c</p>" + b"\x00" * 10_000 + b"</body></html>", html),
        "lying_charset": (
            "<meta charset='utf-8'><p>caf\u00e9 \u00fcber</p>".encode("cp1252"),
            html + "; charset=utf-8",
        ),
        "unknown_charset": (b"<p>hello</p>", html + "; charset=x-no-such-charset"),
        "utf16_no_bom": ("<html><body><p>hello world</p></body></html>".encode("utf-16-le"), html),
        "deep_nesting": (b"<div>" * DEEP_NESTING + b"deep" + b"</div>" * DEEP_NESTING, html),
        "huge_line": (b"<p>" + b"x" * HUGE_LINE_BYTES + b"</p>", html),
        "huge_attribute": (b'<a href="' + b"y" * HUGE_ATTRIBUTE_BYTES + b'">link</a>', html),
        "meta_refresh_flood": (b'<meta http-equiv="refresh" content="0;url=/x">' * REFRESH_TAGS, html),
        "xml_as_html": (b'<?xml version="1.0"?><rss><channel><item>x</item></channel></rss>', html),
        "svg_as_html": (b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>', html),
        "json_as_html": (b'{"html": "<p>not really</p>", "n": [1, 2, 3]}', html),
    }


@pytest.mark.parametrize("fail_open", [True, False], ids=["fail-open", "fail-closed"])
@pytest.mark.parametrize("case", sorted(hostile_bodies()))
def test_hostile_body_passes_or_drops_and_is_counted(make_crawler: CrawlerFactory, case: str, fail_open: bool) -> None:
    body, content_type = hostile_bodies()[case]
    crawler = make_crawler({"SPAMGUARD_FAIL_OPEN": fail_open})
    mw = spider_mw(crawler)
    url = "http://hostile.test/page"
    response = HtmlResponse(url, body=body, headers={"Content-Type": content_type}, request=Request(url))
    try:
        mw.process_spider_input(response)
        outcome = "passed"
    except SpamDropped:
        outcome = "dropped"
    got = stats(crawler)
    accounted = got.get("spamguard/scored", 0) + sum(v for k, v in got.items() if k.startswith("spamguard/error/"))
    assert accounted == 1, got  # scored, or failed and counted: never silently ignored
    if outcome == "dropped":
        assert got["spamguard/dropped"] == 1
    elif not fail_open:
        assert "spamguard/error/" not in " ".join(got)  # fail-closed only passes pages it could score


# -- SPAMGUARD_WORKERS: scoring in worker processes ---------------------------------------------------


class FakePool:
    """Stands in for the worker processes: scores in this process, or fails as told. (The real pool needs a
    running reactor: the crawls of test_crawl.py run it, with SPAMGUARD_WORKERS = 1.)"""

    def __init__(self, workers: int, model_path: str | None, max_bytes: int) -> None:
        self.scorer = Scorer.load(model_path)
        self.max_bytes = max_bytes
        self.fail: BaseException | None = None
        self.submitted: list[str] = []
        self.closed = False

    async def score(self, text: str, url: str, threshold: float | None) -> Any:
        self.submitted.append(url)
        if self.fail is not None:
            raise self.fail
        return self.scorer.score_html(text, url=url, threshold=threshold, max_bytes=self.max_bytes)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def workers_crawler(make_crawler: CrawlerFactory, monkeypatch: pytest.MonkeyPatch) -> Crawler:
    monkeypatch.setattr("spider_plugins.middleware.WorkerPool", FakePool)
    return make_crawler({"SPAMGUARD_WORKERS": 1, "SPAMGUARD_ACTION": "monitor"})


def download(mw: SpamGuardDownloaderMiddleware, response: Response) -> Response:
    assert response.request is not None
    return asyncio.run(mw.process_response(response.request, response))


def test_downloader_mw_on_with_workers_even_without_escalation(workers_crawler: Crawler) -> None:
    mw = build_from_crawler(SpamGuardDownloaderMiddleware, workers_crawler)
    # No escalation in monitor mode: requests pass whatever the host's record.
    assert mw.process_request(Request("http://spam.test/a")) is None


def test_worker_verdict_is_acted_on_by_the_spider_mw(workers_crawler: Crawler, scorer: Scorer) -> None:
    dmw = build_from_crawler(SpamGuardDownloaderMiddleware, workers_crawler)
    smw = spider_mw(workers_crawler)
    response = html_response(SPAM, url="http://spam.test/a.html", meta={"spamguard_threshold": 0.5})
    assert download(dmw, response) is response
    assert smw.process_spider_input(response) is None  # monitor: passes
    result = response.meta["spamguard"]
    assert result["spam"] and result["threshold"] == 0.5
    assert result["score"] == pytest.approx(scorer.score_html(response.selector.root, url=response.url).score)
    assert "_spamguard_prescored" not in response.meta
    assert stats(workers_crawler)["spamguard/scored_by_workers"] == 1
    assert stats(workers_crawler)["spamguard/scored"] == 1


@pytest.mark.parametrize(
    ("response", "meta"),
    [
        (Response("http://a.test/x.pdf", body=b"%PDF-1.4", request=Request("http://a.test/x.pdf")), {}),
        (html_response(HAM, meta={"dont_spamguard": True}), {}),
        (HtmlResponse("http://a.test/404", body=b"<p>gone</p>", status=404, request=Request("http://a.test/404")), {}),
    ],
    ids=["binary", "dont_spamguard", "404"],
)
def test_only_html_2xx_responses_go_to_the_workers(workers_crawler: Crawler, response: Response, meta: Any) -> None:
    mw = build_from_crawler(SpamGuardDownloaderMiddleware, workers_crawler)
    assert download(mw, response) is response
    assert mw._pool.submitted == []  # type: ignore[union-attr]
    assert "_spamguard_prescored" not in response.meta


def test_a_worker_error_is_a_scoring_error(workers_crawler: Crawler) -> None:
    dmw = build_from_crawler(SpamGuardDownloaderMiddleware, workers_crawler)
    smw = spider_mw(workers_crawler)
    dmw._pool.fail = MemoryError("page too big for the worker")  # type: ignore[union-attr]
    response = html_response(SPAM)
    download(dmw, response)
    assert smw.process_spider_input(response) is None  # fail-open: the page passes
    assert "spamguard" not in response.meta
    assert stats(workers_crawler) == {"spamguard/error/MemoryError": 1}


def test_dead_workers_fall_back_to_scoring_in_the_crawl_process(
    workers_crawler: Crawler, caplog: pytest.LogCaptureFixture
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    dmw = build_from_crawler(SpamGuardDownloaderMiddleware, workers_crawler)
    smw = spider_mw(workers_crawler)
    pool = dmw._pool
    pool.fail = BrokenProcessPool("a worker died")  # type: ignore[union-attr]
    responses = [html_response(SPAM, url=f"http://spam.test/{i}.html") for i in range(3)]
    with caplog.at_level(logging.ERROR, logger="spider_plugins.middleware"):
        for response in responses:
            download(dmw, response)
            assert smw.process_spider_input(response) is None
    assert pool.closed and dmw._pool is None  # type: ignore[union-attr]
    assert len(pool.submitted) == 1  # type: ignore[union-attr]
    # Every page was scored all the same, in this process; the failure was counted and logged once.
    assert all(r.meta["spamguard"]["spam"] for r in responses)
    s = stats(workers_crawler)
    assert s["spamguard/scored"] == 3 and "spamguard/scored_by_workers" not in s
    assert s["spamguard/error/BrokenProcessPool"] == 1
    assert [r.message for r in caplog.records].count(
        "SpamGuard's worker processes died (BrokenProcessPool: a worker died); pages are scored in the crawl "
        "process from now on"
    ) == 1


def test_only_the_analysed_prefix_goes_to_the_workers(
    make_crawler: CrawlerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page longer than SPAMGUARD_MAX_BYTES crosses to the worker cut to that many characters and one more,
    and gets the verdict the crawl process would give it."""
    monkeypatch.setattr("spider_plugins.middleware.WorkerPool", FakePool)
    crawler = make_crawler({"SPAMGUARD_WORKERS": 1, "SPAMGUARD_MAX_BYTES": 5000, "SPAMGUARD_ACTION": "monitor"})
    dmw = build_from_crawler(SpamGuardDownloaderMiddleware, crawler)
    sent: list[str] = []
    score = dmw._pool.score  # type: ignore[union-attr]

    async def spy(text: str, url: str, threshold: float | None) -> Any:
        sent.append(text)
        return await score(text, url, threshold)

    dmw._pool.score = spy  # type: ignore[union-attr]
    body = demo_page(SPAM) * 3
    response = html_response(body)
    download(dmw, response)
    assert len(sent[0]) == 5001
    in_process = spider_mw(make_crawler({"SPAMGUARD_MAX_BYTES": 5000}))._score(html_response(body), None)
    assert response.meta["_spamguard_prescored"].score == pytest.approx(in_process.score)
