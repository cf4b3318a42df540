"""End-to-end: real crawls of real local HTTP servers with the add-on enabled by its one line.

Host ``127.0.0.1`` serves the demo site's eight ham pages and its two aggregator spam pages (the forum's
spam post links to one, the other is linked only from spam; the link farm and the parked page, whose
verdicts test_middleware.py checks one by one, are left out so these expectations rest on the seed-style
spam alone), plus ``links.html``, a ham page whose reading list points at host ``localhost`` -- a second
server and a spam-heavy host whose twelve "story" pages are aggregator spam -- and at ``truncated.html``,
a response cut short. Each crawl runs in
its own process (crawl_runner.py) with one request at a time, so the order in which host escalation sees
pages is fixed. The assertions use the bundled model; the pages are unambiguous on purpose.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from sg_helpers import AGGREGATOR_PAGES, HAM_PAGES, demo_page

from spider_plugins.demo import LoopbackServer

pytestmark = pytest.mark.slow

RUNNER = Path(__file__).with_name("crawl_runner.py")
CRAWL_TIMEOUT_S = 120  # a hung crawl fails the test instead of hanging the suite
STORIES = 12  # spam pages on the spam-heavy host, all linked from links.html
MIN_PAGES = 5  # SPAMGUARD_HOST_MIN_PAGES default
AGGREGATORS = ("trending-news.html", "trending-celebrity.html")
TRUNCATED = "truncated.html"
TRUNCATED_MISSING_BYTES = 5000
ADDON = {"spider_plugins.SpamGuardAddon": 0}


class _Handler(SimpleHTTPRequestHandler):
    """Static files, plus /truncated.html: a ham page whose body stops short of its Content-Length."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requested.append(self.path)  # type: ignore[attr-defined]
        if self.path.lstrip("/") != TRUNCATED:
            super().do_GET()
            return
        body = demo_page("sewing-machine-repair.html")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) + TRUNCATED_MISSING_BYTES))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True


READING_LIST = (
    ("Restoring cast-iron planes", "rust removal, flattening the sole and sharpening the iron"),
    ("A beginner's guide to MIG welding", "wire feed, gas flow and the first practice beads"),
    ("Why bike chains stretch", "measuring wear and when to replace the cassette too"),
    ("Darning socks the Swedish way", "a weaving technique that outlasts the sock"),
    ("Lithium battery safety for tinkerers", "storage, charging and what to do with swollen cells"),
    ("Choosing plywood for furniture", "birch, poplar and what the grades on the sticker mean"),
    ("Fixing a dripping tap", "washers, O-rings and ceramic cartridges explained"),
    ("Hand-cut dovetails in an evening", "marking gauges, saw practice and paring to the line"),
    ("Repairing a vacuum cleaner motor", "brushes, bearings and testing the thermal fuse"),
    ("Upcycling pallets safely", "reading the stamps and avoiding treated timber"),
    ("Soldering for complete beginners", "tinning the tip, heat and the shape of a good joint"),
    ("Sharpening chisels on water stones", "grits, flattening the back and a honing guide"),
)


def links_page(spam_base: str, own_base: str) -> bytes:
    """A ham page (the about page) with a members' reading list added before its contact section."""
    assert len(READING_LIST) == STORIES
    items = "\n".join(
        f'<li><a href="{spam_base}story-{i}.html">{title}</a>: {blurb}.</li>'
        for i, (title, blurb) in enumerate(READING_LIST)
    )
    section = (
        "<h2>Reading list from members</h2>\n<p>Members send us links to articles they found interesting. We "
        "list them here as they arrive; the volunteers check them when they have time, so follow them with "
        f'care.</p>\n<ul>\n{items}\n</ul>\n<p>The <a href="{own_base}{TRUNCATED}">archived repair '
        "notes</a> are also still available.</p>\n"
    ).encode()
    return demo_page("about.html").replace(b"<h2>Contact</h2>", section + b"<h2>Contact</h2>")


@dataclass
class Site:
    ham: LoopbackServer  # host 127.0.0.1
    spam: LoopbackServer  # host localhost

    def a(self, path: str) -> str:
        return self.ham.url(path)

    def b(self, path: str) -> str:
        return self.spam.url(path, host="localhost")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("site")
    ham_dir, spam_dir = root / "a", root / "b"
    ham_dir.mkdir()
    spam_dir.mkdir()
    for name in HAM_PAGES + AGGREGATOR_PAGES:
        (ham_dir / name).write_bytes(demo_page(name))
        if name in AGGREGATOR_PAGES:
            (spam_dir / name).write_bytes(demo_page(name))
    for i in range(STORIES):
        (spam_dir / f"story-{i}.html").write_bytes(demo_page(AGGREGATORS[i % 2]))
    ham = LoopbackServer(ham_dir, _Handler).start()
    spam = LoopbackServer(spam_dir, _Handler).start()
    (ham_dir / "links.html").write_bytes(links_page(f"http://localhost:{spam.port}/", ham.url()))
    try:
        yield Site(ham, spam)
    finally:
        ham.stop()
        spam.stop()


@dataclass
class Crawl:
    items: list[dict[str, Any]]
    reached: set[str]
    stats: dict[str, Any]
    requested_a: list[str]
    requested_b: list[str]
    audit: list[dict[str, Any]]
    failures: list[list[str]]
    stderr: str

    def stat(self, key: str) -> Any:
        return self.stats.get(f"spamguard/{key}", 0)


def run_crawl(
    site: Site, tmp_path: Path, settings: dict[str, Any], fail_on: str | None = None, errback: bool = False
) -> Crawl:
    before_a, before_b = len(site.ham.requested), len(site.spam.requested)
    audit = tmp_path / "audit.jsonl"
    spec = {
        "start_urls": [site.a("index.html"), site.a("links.html")],
        "hosts": ["127.0.0.1", "localhost"],
        "settings": {
            "ADDONS": ADDON,
            "SPAMGUARD_AUDIT_FILE": str(audit),
            "CONCURRENT_REQUESTS": 1,
            **settings,
        },
        "out": str(tmp_path / "result.json"),
        "fail_on": fail_on,
        "errback": errback,
    }
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(spec))
    proc = subprocess.run(
        [sys.executable, str(RUNNER), str(spec_path)], capture_output=True, text=True, timeout=CRAWL_TIMEOUT_S
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((tmp_path / "result.json").read_text())
    lines = audit.read_text(encoding="utf-8").splitlines() if audit.is_file() else []
    return Crawl(
        items=result["items"],
        reached={u.rsplit("/", 1)[1] if "127.0.0.1" in u else "B:" + u.rsplit("/", 1)[1] for u in result["reached"]},
        stats=result["stats"],
        requested_a=[p.lstrip("/") for p in site.ham.requested[before_a:]],
        requested_b=[p.lstrip("/") for p in site.spam.requested[before_b:]],
        audit=[json.loads(line) for line in lines],
        failures=result["failures"],
        stderr=proc.stderr,
    )


A_HAM = {*HAM_PAGES, "links.html"}
A_SPAM_LINKED_FROM_HAM = {"trending-news.html"}  # the forum's spam post
A_SPAM = set(AGGREGATOR_PAGES)
B_PAGES = {f"story-{i}.html" for i in range(STORIES)} | A_SPAM  # the stories link to the aggregators
NOT_SERVED = {"link-farm.html", "parked-domain.html"}  # linked from the forum and the aggregators: 404


#: The same crawls with the pages scored in the crawl process (the default) and in a worker process.
IN_PROCESS, IN_WORKERS = {}, {"SPAMGUARD_WORKERS": 1}


@pytest.mark.parametrize("where", [IN_PROCESS, IN_WORKERS], ids=["in-process", "workers"])
def test_drop(site: Site, tmp_path: Path, where: dict[str, Any]) -> None:
    crawl = run_crawl(site, tmp_path, where)
    assert crawl.stats["finish_reason"] == "finished"
    # With workers, every scored page was scored by one; without, none.
    assert crawl.stat("scored_by_workers") == (crawl.stat("scored") if where else 0)
    # Only ham reached the callback; every stored item is from a ham page.
    assert crawl.reached == A_HAM
    assert {i["url"].rsplit("/", 1)[1] for i in crawl.items} == A_HAM
    assert all("spamguard" not in i for i in crawl.items)
    # Spam linked from ham was downloaded and dropped; links found only on spam pages were never followed.
    assert set(crawl.requested_a) >= A_SPAM_LINKED_FROM_HAM
    assert "trending-celebrity.html" not in crawl.requested_a
    # The truncated response failed in the downloader (DOWNLOAD_FAIL_ON_DATALOSS) and the crawl went on.
    assert TRUNCATED in crawl.requested_a and TRUNCATED not in crawl.reached
    # Host escalation: after MIN_PAGES spam pages from localhost, the rest was refused before download.
    stories = [p for p in crawl.requested_b if p.startswith("story-")]
    assert set(crawl.requested_b) == set(stories)  # no link on a dropped page was followed
    assert MIN_PAGES <= len(stories) < STORIES
    assert crawl.stat("host_blocked") == STORIES - len(stories)
    assert crawl.stat("hosts_blocked") == 1
    dropped = len(A_SPAM_LINKED_FROM_HAM) + len(stories)
    assert crawl.stat("dropped") == crawl.stat("spam") == dropped
    assert crawl.stat("scored") == len(A_HAM) + dropped
    histogram = sum(v for k, v in crawl.stats.items() if k.startswith("spamguard/score_histogram/"))
    assert histogram == crawl.stat("scored")
    assert "spider_exceptions/count" not in crawl.stats
    # Dropping is quiet: the only error logged (the crawl logs WARNING and above) is Scrapy's own for the
    # truncated download; no traceback or message mentions a drop or a refused request.
    errors = [line for line in crawl.stderr.splitlines() if " ERROR: " in line]
    assert errors and all(TRUNCATED in line for line in errors), errors
    assert "SpamDropped" not in crawl.stderr and "HostBlocked" not in crawl.stderr
    # The audit file: one line per dropped page, one per refused request.
    drops = [line for line in crawl.audit if line["action"] == "drop"]
    blocked = [line for line in crawl.audit if line["action"] == "host_blocked"]
    assert len(drops) == dropped and len(blocked) == STORIES - len(stories)
    assert {line["url"].rsplit("/", 1)[1] for line in blocked} == {f"story-{i}.html" for i in range(STORIES)} - set(
        stories
    )
    assert all(line["host"] == "localhost" for line in blocked)
    assert all(line["score"] >= line["threshold"] and line["reasons"] for line in drops)


@pytest.mark.parametrize("where", [IN_PROCESS, IN_WORKERS], ids=["in-process", "workers"])
def test_flag(site: Site, tmp_path: Path, where: dict[str, Any]) -> None:
    crawl = run_crawl(site, tmp_path, {"SPAMGUARD_ACTION": "flag", **where})
    assert crawl.stats["finish_reason"] == "finished"
    assert crawl.stat("scored_by_workers") == (crawl.stat("scored") if where else 0)
    # Every page reached the callback and its links were followed, spam included.
    assert crawl.reached == A_HAM | A_SPAM | {"B:" + p for p in B_PAGES}
    assert set(crawl.requested_b) == B_PAGES | NOT_SERVED
    flagged = [i for i in crawl.items if "spamguard" in i]
    assert {i["url"].rsplit("/", 1)[1] for i in crawl.items if "spamguard" not in i} == A_HAM
    assert len(flagged) == len(A_SPAM) + len(B_PAGES)
    assert all(i["spamguard"]["spam"] is True and i["spamguard"]["score"] == i["score"] for i in flagged)
    assert crawl.stat("flagged") == crawl.stat("flagged_items") == crawl.stat("spam") == len(flagged)
    assert crawl.stat("dropped") == crawl.stat("host_blocked") == 0
    assert [line["action"] for line in crawl.audit] == ["flag"] * len(flagged)


def test_monitor(site: Site, tmp_path: Path) -> None:
    crawl = run_crawl(site, tmp_path, {"SPAMGUARD_ACTION": "monitor"})
    assert crawl.stats["finish_reason"] == "finished"
    assert crawl.reached == A_HAM | A_SPAM | {"B:" + p for p in B_PAGES}
    assert all("spamguard" not in i for i in crawl.items)
    assert crawl.stat("spam") == len(A_SPAM) + len(B_PAGES)
    assert crawl.stat("scored") == len(crawl.reached)
    assert crawl.stat("dropped") == crawl.stat("flagged") == crawl.stat("host_blocked") == 0
    assert {line["action"] for line in crawl.audit} == {"monitor"}


def test_crawl_faults_do_not_stop_the_crawl(site: Site, tmp_path: Path) -> None:
    """A callback that raises, a response cut short and an audit file that cannot be written."""
    crawl = run_crawl(
        site,
        tmp_path,
        {"DOWNLOAD_FAIL_ON_DATALOSS": False, "SPAMGUARD_AUDIT_FILE": str(tmp_path)},  # a directory
        fail_on="bike-wheel-truing",
        errback=True,
    )
    assert crawl.stats["finish_reason"] == "finished"
    assert crawl.stats["spider_exceptions/RuntimeError"] == 1
    # Errbacks see drops the way they see HttpError: as IgnoreRequest subclasses they can tell apart.
    by_page = {url.rsplit("/", 1)[1]: kind for url, kind in crawl.failures}
    assert {by_page[p] for p in A_SPAM_LINKED_FROM_HAM} == {"SpamDropped"}
    assert {kind for page, kind in by_page.items() if page.startswith("story-")} == {
        "SpamDropped",
        "HostBlocked",
    }
    assert sum(kind == "HostBlocked" for kind in by_page.values()) == crawl.stat("host_blocked")
    # Every other ham page was still stored, and the truncated page was scored from what arrived.
    stored = {i["url"].rsplit("/", 1)[1]: i for i in crawl.items}
    assert set(stored) == (A_HAM - {"bike-wheel-truing.html"}) | {TRUNCATED}
    assert stored[TRUNCATED]["score"] is not None
    # Each audit line that could not be written is counted; the drops themselves happened.
    assert crawl.stat("error/audit") == crawl.stat("dropped") + crawl.stat("host_blocked") > 0
    assert crawl.audit == []


SPIDER_FILE = """
import scrapy

class StartupSpider(scrapy.Spider):
    name = "startup"
    start_urls = [{url!r}]
    custom_settings = {{"ADDONS": {{"spider_plugins.SpamGuardAddon": 0}}, **{settings!r}}}

    def parse(self, response):
        yield {{"url": response.url}}
"""


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"SPAMGUARD_MODEL": "{missing}"}, "{missing}"),
        ({"SPAMGUARD_ACTION": "quarantine"}, "SPAMGUARD_ACTION must be one of drop, flag, monitor"),
    ],
    ids=["missing-model", "bad-action"],
)
def test_bad_configuration_stops_the_crawl_before_any_request(
    site: Site, tmp_path: Path, settings: dict[str, str], expected: str
) -> None:
    """`scrapy runspider` as a user runs it: the message reaches the terminal and nothing is fetched."""
    missing = str(tmp_path / "no-such-model")
    settings = {k: v.format(missing=missing) for k, v in settings.items()}
    spider = tmp_path / "startup_spider.py"
    spider.write_text(SPIDER_FILE.format(url=site.a("index.html"), settings=settings))
    before = len(site.ham.requested)
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "runspider", str(spider), "-s", "TELNETCONSOLE_ENABLED=False"],
        capture_output=True,
        text=True,
        timeout=CRAWL_TIMEOUT_S,
        cwd=tmp_path,
    )
    assert expected.format(missing=missing) in proc.stderr
    assert len(site.ham.requested) == before
