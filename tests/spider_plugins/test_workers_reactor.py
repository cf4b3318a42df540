"""``SPAMGUARD_WORKERS`` under a reactor other than asyncio: the verdicts come back through a Deferred fired
from the worker's future, which works with any Twisted reactor. Run in its own process with Scrapy's
``CrawlerProcess`` and the epoll reactor (a reactor is installed once per process; the other crawl tests
use the asyncio one)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

CRAWL_TIMEOUT_S = 120
RUNNER = """
import json, sys
from importlib.resources import files

import scrapy
from scrapy.crawler import CrawlerProcess

from spider_plugins.demo import LoopbackServer

PAGES = ("index.html", "forum-thread.html", "trending-news.html", "link-farm.html")


class Spider(scrapy.Spider):
    name = "workers-reactor"
    base = ""

    async def start(self):
        for page in PAGES:
            yield scrapy.Request(self.base + page)

    def parse(self, response):
        yield {"url": response.url}


server = LoopbackServer(files("spider_plugins") / "demo_site").start()
Spider.base = server.url("")
process = CrawlerProcess({
    "TWISTED_REACTOR": "twisted.internet.epollreactor.EPollReactor",
    "ADDONS": {"spider_plugins.SpamGuardAddon": 0},
    "SPAMGUARD_WORKERS": 1,
    "LOG_LEVEL": "ERROR",
    "TELNETCONSOLE_ENABLED": False,
})
crawler = process.create_crawler(Spider)
process.crawl(crawler)
process.start()
server.stop()
from twisted.internet import reactor
stats = {k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, (int, str))}
print(json.dumps({"reactor": type(reactor).__name__, "stats": stats}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the epoll reactor is Linux's")
def test_workers_score_under_the_epoll_reactor() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER], capture_output=True, text=True, timeout=CRAWL_TIMEOUT_S, check=False
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["reactor"] == "EPollReactor"
    stats = out["stats"]
    assert stats["finish_reason"] == "finished"
    # Every page was scored in the worker; the aggregator and the link farm were dropped, the ham kept.
    assert stats["spamguard/scored"] == stats["spamguard/scored_by_workers"] == 4
    assert stats["spamguard/dropped"] == stats["spamguard/spam"] == 2
    assert stats["item_scraped_count"] == 2
