"""``spamguard demo``: crawl a small bundled site with the add-on and show what it kept and dropped.

The site (spider_plugins/demo_site/) is a community-workshop website written for the project: a home
page, articles, an article listing, a forum thread and an equipment guide, plus the spam a crawler meets
around such a site: an aggregator page in the style of the seed example (trending teasers, "Read more >> :
Cick here", share rows, hashtag filler) reached through a spam post in the forum, a second aggregator only
linked from the first, a link farm, and the workshop's old domain, now a parked page.

The demo serves it on a loopback port, crawls it with a real Scrapy crawler and
``ADDONS = {"spider_plugins.SpamGuardAddon": 0}``, and prints the pages kept, the pages dropped with their
top reasons (read back from the audit file), and the ``spamguard/*`` stats. Nothing but the installed
package is needed. The building blocks (:func:`serve_directory`, :func:`site_spider`, :func:`crawl`) are
reused by the end-to-end tests and the crawl benchmark.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = ["CrawlResult", "LoopbackServer", "add_arguments", "crawl", "run", "serve_directory", "site_spider"]

logger = logging.getLogger(__name__)

DEMO_SITE_PACKAGE = "spider_plugins"
DEMO_SITE_DIR = "demo_site"
DEMO_START_PAGE = "index.html"
LOOPBACK = "127.0.0.1"
REPORT_TOP_REASONS = 3  # reasons printed for each dropped page
# The demo crawls one small local site; a bounded crawl keeps a broken link graph from running away.
DEMO_MAX_PAGES = 200


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files from a directory, records every requested path, and logs nothing to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requested.append(self.path)  # type: ignore[attr-defined]
        super().do_GET()


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 with an ephemeral port, serving one directory."""

    def __init__(self, directory: Path, handler: type[SimpleHTTPRequestHandler] = _QuietHandler) -> None:
        self._httpd = ThreadingHTTPServer((LOOPBACK, 0), functools.partial(handler, directory=str(directory)))
        self._httpd.requested = []  # type: ignore[attr-defined]
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="spamguard-demo-http", daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def requested(self) -> list[str]:
        """Paths requested so far, in order."""
        return list(self._httpd.requested)  # type: ignore[attr-defined]

    def url(self, path: str = "", host: str = LOOPBACK) -> str:
        return f"http://{host}:{self.port}/{path.lstrip('/')}"

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[LoopbackServer]:
    server = LoopbackServer(directory).start()
    try:
        yield server
    finally:
        server.stop()


def site_spider() -> type:
    """The demo's spider class (built on first use, so importing this module does not import Scrapy)."""
    import scrapy
    from scrapy.linkextractors import LinkExtractor

    class _SiteSpider(scrapy.Spider):
        """Follows every link within the given hosts; one item per page that reaches the callback."""

        name = "spamguard-demo"

        def __init__(self, start_urls: list[str], hosts: list[str], **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.start_urls = start_urls
            self.allowed_domains = hosts
            self.hosts = frozenset(hosts)
            self.links = LinkExtractor()
            self.reached: list[str] = []

        async def start(self) -> Any:
            # Filtered like every other request, so a link back to a start page is not crawled twice.
            for url in self.start_urls:
                yield scrapy.Request(url, callback=self.parse)

        def parse(self, response: Any, **kwargs: Any) -> Any:
            self.reached.append(response.url)
            verdict = response.meta.get("spamguard")
            yield {
                "url": response.url,
                "title": (response.css("title::text").get() or "").strip(),
                "score": verdict["score"] if verdict else None,
            }
            for link in self.links.extract_links(response):
                # LinkExtractor(allow_domains=...) compares host:port; the demo hosts are bare hostnames.
                if urlsplit(link.url).hostname in self.hosts:
                    yield self.follow(response, link.url)

        def follow(self, response: Any, url: str) -> Any:
            return response.follow(url, callback=self.parse)

    return _SiteSpider


@dataclass
class CrawlResult:
    items: list[dict[str, Any]] = field(default_factory=list)
    reached: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    #: (url, exception type) pairs a spider's errback recorded in its ``failures`` attribute, if any.
    failures: list[list[str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "reached": self.reached, "stats": self.stats, "failures": self.failures}


def crawl(
    start_urls: list[str],
    hosts: list[str],
    settings: dict[str, Any],
    spidercls: type | None = None,
) -> CrawlResult:
    """Run one crawl to completion in this process (it starts and stops the event loop, so once per process).

    ``spidercls`` defaults to :func:`site_spider`'s class; a subclass may change ``parse``. Items are
    collected through the ``item_scraped`` signal (with ``dict(ItemAdapter(item))``), the stats at the end.
    """
    root = logging.getLogger()
    configured_level = root.level if root.handlers else None
    with _at_least(configured_level):
        return _crawl(start_urls, hosts, settings, spidercls, configured_level)


@contextlib.contextmanager
def _at_least(level: int | None) -> Iterator[None]:
    """Scrapy's logging setup pins the "scrapy" logger to DEBUG; keep the level the caller configured."""
    if level is None:
        yield
        return
    level_filter = logging.Filter()
    level_filter.filter = lambda record: record.levelno >= level  # type: ignore[method-assign]
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(level_filter)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(level_filter)


def _crawl(
    start_urls: list[str],
    hosts: list[str],
    settings: dict[str, Any],
    spidercls: type | None,
    configured_level: int | None,
) -> CrawlResult:
    from itemadapter import ItemAdapter
    from scrapy import signals
    from scrapy.crawler import AsyncCrawlerProcess

    result = CrawlResult()
    process = AsyncCrawlerProcess(
        {
            "LOG_LEVEL": "WARNING",
            # Under `spamguard demo` the CLI has configured logging already (-v for INFO); keep it.
            "LOG_INSTALL_ROOT_HANDLER": configured_level is None,
            "TELNETCONSOLE_ENABLED": False,
            "REMOTE_CONTROL_ENABLED": False,
            "ROBOTSTXT_OBEY": False,
            "CLOSESPIDER_PAGECOUNT": DEMO_MAX_PAGES,
            **settings,
        }
    )
    crawler = process.create_crawler(spidercls or site_spider())

    def item_scraped(item: Any) -> None:
        result.items.append(json.loads(json.dumps(dict(ItemAdapter(item)), default=str)))

    def spider_closed(spider: Any) -> None:
        result.reached = list(getattr(spider, "reached", []))
        result.failures = list(getattr(spider, "failures", []))

    crawler.signals.connect(item_scraped, signal=signals.item_scraped)
    crawler.signals.connect(spider_closed, signal=signals.spider_closed)
    running = process.crawl(crawler, start_urls=start_urls, hosts=hosts)
    process.start()
    # A component that refused to start (a ModelError from the add-on, a bad SPAMGUARD_* value) fails
    # the crawl before any request: hand that error to the caller instead of an asyncio warning.
    if running.done() and running.exception() is not None:
        raise running.exception()  # type: ignore[misc]
    if crawler.stats is not None:
        result.stats = json.loads(json.dumps(crawler.stats.get_stats(), default=str))
    return result


# -- the command ----------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--action",
        choices=("drop", "flag", "monitor"),
        default="drop",
        help="SPAMGUARD_ACTION for the demo crawl (default: drop)",
    )
    parser.add_argument("--model", metavar="DIR", default=None, help="model directory (default: the bundled model)")
    parser.add_argument(
        "--audit-file",
        metavar="PATH",
        default=None,
        help="keep the audit JSONL here (default: a temporary file)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object instead of a report")


def run(args: argparse.Namespace) -> int:
    with contextlib.ExitStack() as stack:
        site = stack.enter_context(as_file(files(DEMO_SITE_PACKAGE) / DEMO_SITE_DIR))
        server = stack.enter_context(serve_directory(Path(site)))
        if args.audit_file:
            audit_path = Path(args.audit_file)
        else:
            audit_path = (
                Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="spamguard-demo-"))) / "audit.jsonl"
            )
        settings: dict[str, Any] = {
            "ADDONS": {"spider_plugins.SpamGuardAddon": 0},
            "SPAMGUARD_ACTION": args.action,
            "SPAMGUARD_AUDIT_FILE": str(audit_path),
        }
        if args.model:
            settings["SPAMGUARD_MODEL"] = args.model
        print(
            f"Serving the demo site at {server.url()} and crawling it with SPAMGUARD_ACTION={args.action} ...",
            file=sys.stderr if args.json else sys.stdout,
        )
        audit_start = audit_path.stat().st_size if audit_path.is_file() else 0
        try:
            result = crawl([server.url(DEMO_START_PAGE)], [LOOPBACK], settings)
        except (ValueError, OSError) as exc:  # ModelError is a ValueError: a clear message, no traceback
            print(f"spamguard demo: {exc}", file=sys.stderr)
            return 2
        audit = _read_audit(audit_path, audit_start)
    if args.json:
        print(json.dumps({**result.to_json(), "audit": audit}, indent=2))
    else:
        _print_report(result, audit, args.action, server.port)
    return 0 if result.stats.get("finish_reason") == "finished" else 1


def _read_audit(path: Path, start: int) -> list[dict[str, Any]]:
    """The audit lines this run appended (the file may hold earlier runs' lines before ``start``)."""
    if not path.is_file():
        return []
    with path.open("rb") as fh:
        fh.seek(start)
        data = fh.read().decode("utf-8")
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def _short(url: str, port: int) -> str:
    return url.split(f":{port}", 1)[-1]


def _print_report(result: CrawlResult, audit: list[dict[str, Any]], action: str, port: int) -> None:
    print(f"\nKept: {len(result.items)} pages reached the spider callback")
    for item in sorted(result.items, key=lambda i: i["url"]):
        score = "  n/a" if item["score"] is None else f"{item['score']:.3f}"
        print(f"  {score}  {_short(item['url'], port):<30} {item['title'][:60]}")
    verb = {"drop": "Dropped", "flag": "Flagged", "monitor": "Seen (monitor only)"}[action]
    print(f"\n{verb}: {len(audit)} spam pages (from the audit file)")
    for line in audit:
        if line.get("score") is None:
            print(f"    -    {_short(line['url'], port):<30} {line['action']}")
            continue
        print(f"  {line['score']:.3f}  {_short(line['url'], port):<30} threshold {line['threshold']:.3f}, because:")
        for reason in line["reasons"][:REPORT_TOP_REASONS]:
            value = "n/a" if reason["value"] is None else f"{reason['value']:.4g}"
            print(f"           {reason['feature']} = {value} ({reason['contribution']:+.2f})")
    print("\nStats:")
    for key in sorted(k for k in result.stats if k.startswith("spamguard/")):
        print(f"  {key:<40} {result.stats[key]}")
    print(f"  {'finish_reason':<40} {result.stats.get('finish_reason')}")
    if action == "drop":
        print(
            "\nDropped pages never reached the callback: nothing from them was stored and none of "
            "their links were followed."
        )
