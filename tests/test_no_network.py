"""Nothing in the project touches the network (issue 6, README "Failure behaviour").

Every Internet connection, datagram and name lookup is blocked and recorded, then the real things run:
every project module is imported, ``extract_features`` looks up registered domains of many hosts
(tldextract must use its bundled suffix list, never fetch one), the bundled model loads and scores,
``spamguard score`` runs (serial, and with worker processes), and the Scrapy middlewares are built from a
crawler and score a response. A control run, a tldextract extractor with its default (online) suffix
list, must be caught by the same guard, so the guard is known to work.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = ("features", "model", "spider_plugins")
#: Seconds the guarded subprocess may take (imports of Scrapy and LightGBM, two worker processes).
SUBPROCESS_TIMEOUT_S = 300
#: Pages given to `spamguard score --jobs 2`: above the CLI's serial limit, so worker processes start.
PARALLEL_PAGES = 48

# Installed as sitecustomize in every Python process of the guarded run (the CLI's fork server and
# workers included): records each network attempt to $SPAMGUARD_NET_LOG, then refuses it.
GUARD = textwrap.dedent(
    """
    import os
    import socket

    _LOG = os.environ.get("SPAMGUARD_NET_LOG")
    _INET = (socket.AF_INET, socket.AF_INET6)
    _LOOKUPS = ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr")


    def _record(what, args):
        if _LOG:
            with open(_LOG, "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()} {what} {args[:2]!r}\\n")
        raise OSError(f"network access blocked in this test: {what}")


    def _deny(what):
        def denied(*args, **kwargs):
            _record(what, args)

        return denied


    class _GuardedSocket(socket.socket):
        # Creating a socket sends nothing (urllib3 probes for IPv6 support at import time by binding
        # ::1); reaching out does: connecting, or sending a datagram.
        def connect(self, address):
            if self.family in _INET:
                _record("connect", (address,))
            return super().connect(address)

        def connect_ex(self, address):
            if self.family in _INET:
                _record("connect_ex", (address,))
            return super().connect_ex(address)

        def sendto(self, *args):
            if self.family in _INET:
                _record("sendto", args[-1:])
            return super().sendto(*args)


    if _LOG:
        socket.socket = _GuardedSocket
        for _name in _LOOKUPS:
            setattr(socket, _name, _deny(_name))
    """
)

# What the guarded interpreter runs; prints one JSON object on its last line.
SCRIPT = textwrap.dedent(
    """
    import contextlib
    import importlib
    import io
    import json
    import os
    import pkgutil
    import sys
    import tempfile

    log = os.environ["SPAMGUARD_NET_LOG"]
    packages = sys.argv[1].split(",")
    parallel_pages = int(sys.argv[2])
    result = {"imported": []}

    for name in packages:
        package = importlib.import_module(name)
        result["imported"].append(name)
        for info in pkgutil.walk_packages(package.__path__, name + "."):
            importlib.import_module(info.name)
            result["imported"].append(info.name)

    # extract_features: registered domains of links and of the page URL (tldextract lookups).
    from features import extract_features

    hosts = ["news.bbc.co.uk", "a.b.example.com", "x.blogspot.com", "shop.xn--p1ai", "w.gov.au",
             "q.unknown-tld-zzz", "10.0.0.1", "[::1]", "localhost", "foo.s3.amazonaws.com"]
    links = "".join(f"<a href='https://{h}/p'>link {i}</a>" for i, h in enumerate(hosts))
    page = f"<html><body><h1>Title</h1><p>Some words here.</p>{links}</body></html>"
    values = extract_features(page, "https://www.example.co.uk/article")
    result["features"] = len(values)

    # The model: load and score.
    from model import Scorer

    scorer = Scorer.load()
    result["score"] = scorer.score_html(page.encode(), "https://www.example.co.uk/article").score

    # The CLI: serial, then with worker processes (more pages than it scores in-process).
    from spider_plugins.cli import main

    tmp = tempfile.mkdtemp()
    single = os.path.join(tmp, "page.html")
    with open(single, "w", encoding="utf-8") as fh:
        fh.write(page)
    batch = os.path.join(tmp, "batch.jsonl")
    with open(batch, "w", encoding="utf-8") as fh:
        for i in range(parallel_pages):
            record = {"id": f"p{i}", "url": f"https://site{i}.example.org/", "html": page}
            fh.write(json.dumps(record) + "\\n")
    statuses = []
    for argv in (["score", "--format", "jsonl", "--jobs", "1", single],
                 ["score", "--format", "jsonl", "--jobs", "2", batch]):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            statuses.append(main(argv))
        statuses.append(sum("score" in json.loads(line) for line in out.getvalue().splitlines()))
    result["cli"] = statuses

    # The Scrapy add-on: a crawler as Scrapy configures it, both middlewares, one response scored.
    from scrapy import Request, Spider
    from scrapy.http import HtmlResponse
    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    from spider_plugins import SpamGuardDownloaderMiddleware, SpamGuardSpiderMiddleware

    class GuardedSpider(Spider):
        name = "guarded"

    crawler = get_crawler(GuardedSpider, {"ADDONS": {"spider_plugins.SpamGuardAddon": 0}})
    spider_mw = build_from_crawler(SpamGuardSpiderMiddleware, crawler)
    downloader_mw = build_from_crawler(SpamGuardDownloaderMiddleware, crawler)
    url = "https://www.example.co.uk/article"
    request = Request(url)
    downloader_mw.process_request(request)
    response = HtmlResponse(url, body=page.encode(), request=request, headers={"Content-Type": "text/html"})
    with contextlib.suppress(Exception):  # a drop (SpamDropped) is fine; the stats say it was scored
        spider_mw.process_spider_input(response)
    result["middleware_scored"] = crawler.stats.get_value("spamguard/scored")

    with open(log, encoding="utf-8") as fh:
        result["project_attempts"] = fh.read().splitlines()

    # Control: tldextract with its default suffix-list URLs and no cache must try to fetch, and be caught.
    import tldextract

    tldextract.TLDExtract(cache_dir=None)("forums.news.cnn.com")
    with open(log, encoding="utf-8") as fh:
        result["control_attempts"] = fh.read().splitlines()[len(result["project_attempts"]):]
    print(json.dumps(result))
    """
)


@pytest.fixture(scope="module")
def guarded_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    site_dir = tmp_path_factory.mktemp("netguard")
    (site_dir / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = site_dir / "attempts.log"
    log.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(site_dir), str(REPO), os.environ.get("PYTHONPATH")])),
        "SPAMGUARD_NET_LOG": str(log),
        # Let no proxy setting or cached tldextract list change what the code would do.
        "HOME": str(site_dir),
        "XDG_CACHE_HOME": str(site_dir / "cache"),
        "TLDEXTRACT_CACHE": str(site_dir / "tldextract-cache"),
    }
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(proxy, None)
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, ",".join(PROJECT_PACKAGES), str(PARALLEL_PAGES)],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_S,
        cwd=site_dir,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-5000:]
    return json.loads(proc.stdout.splitlines()[-1])


def test_every_project_module_was_imported(guarded_run: dict[str, Any]) -> None:
    expected = set(PROJECT_PACKAGES)
    for package in PROJECT_PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            parts = path.relative_to(REPO).with_suffix("").parts
            expected.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    assert expected <= set(guarded_run["imported"])


def test_running_everything_makes_no_network_request(guarded_run: dict[str, Any]) -> None:
    assert guarded_run["features"] > 0
    assert 0.0 <= guarded_run["score"] <= 1.0
    assert guarded_run["cli"] == [0, 1, 0, PARALLEL_PAGES]  # (status, pages scored) for each run
    assert guarded_run["middleware_scored"] == 1
    assert guarded_run["project_attempts"] == []


def test_the_guard_catches_a_suffix_list_fetch(guarded_run: dict[str, Any]) -> None:
    """The control: an online tldextract is caught, so an empty project log means no attempt."""
    assert guarded_run["control_attempts"], "the network guard missed tldextract's suffix-list download"


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Block and record Internet connections and name lookups in this process."""
    attempts: list[str] = []

    def deny(what: str):
        def denied(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{what} {args[:2]!r}")
            raise OSError(f"network access blocked in this test: {what}")

        return denied

    inet = (socket.AF_INET, socket.AF_INET6)

    class GuardedSocket(socket.socket):
        def connect(self, address: Any) -> None:
            if self.family in inet:
                deny("connect")(address)
            super().connect(address)

        def connect_ex(self, address: Any) -> int:
            if self.family in inet:
                deny("connect_ex")(address)
            return super().connect_ex(address)

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, deny(name))
    return attempts


def test_registered_domain_lookups_stay_offline(no_sockets: list[str]) -> None:
    from features.urls import registered_domain

    registered_domain.cache_clear()
    hosts = {
        "news.bbc.co.uk": "bbc.co.uk",
        "a.b.example.com": "example.com",
        "shop.xn--p1ai": "shop.xn--p1ai",
    }
    assert {h: registered_domain(h) for h in hosts} == hosts
    assert no_sockets == []


def test_in_process_scoring_and_cli_stay_offline(
    no_sockets: list[str], tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    monkeypatch.setattr(logging.getLogger(), "level", logging.getLogger().level)  # main() sets it
    from features import extract_features
    from model import Scorer
    from spider_plugins.cli import main

    page = b"<html><body><p>Words.</p><a href='https://x.example.com.au/'>x</a></body></html>"
    assert extract_features(page, "https://www.example.org/")
    assert 0.0 <= Scorer.load().score_html(page, "https://www.example.org/").score <= 1.0
    path = tmp_path / "page.html"
    path.write_bytes(page)
    assert main(["score", "--format", "jsonl", "--jobs", "1", str(path)]) == 0
    assert "score" in json.loads(capsys.readouterr().out)
    assert no_sockets == []
