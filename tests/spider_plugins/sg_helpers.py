"""Clearly labelled pages and response builders shared by the add-on tests.

The ham and spam pages are the demo site's own pages (spider_plugins/demo_site/), written for the
project: ordinary articles, a home page, a listing, a forum thread and documentation on one side;
aggregator spam, a link farm and a parked domain on the other.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse

HAM_PAGES = (
    "index.html",
    "sewing-machine-repair.html",
    "bike-wheel-truing.html",
    "solar-shed-roof.html",
    "archive.html",
    "about.html",
    "forum-thread.html",
    "docs-laser-cutter.html",
)
SPAM_PAGES = ("trending-news.html", "trending-celebrity.html", "link-farm.html", "parked-domain.html")
# Aggregator spam in the style of the seed example (../shared/seeds/), the product's reason to exist. Tests
# of the middleware's mechanics (drop, flag, audit, host escalation, real crawls) use these; every page's
# verdict, the link farm and the parked page included, is asserted separately, page by page.
AGGREGATOR_PAGES = ("trending-news.html", "trending-celebrity.html")


def demo_page(name: str) -> bytes:
    return (files("spider_plugins") / "demo_site" / name).read_bytes()


def html_response(
    name_or_body: str | bytes,
    url: str = "http://ham.test/page.html",
    meta: dict[str, Any] | None = None,
) -> HtmlResponse:
    """An HtmlResponse tied to its request, from a demo page name or a literal body."""
    body = demo_page(name_or_body) if isinstance(name_or_body, str) else name_or_body
    request = Request(url, meta=meta or {})
    return HtmlResponse(url, body=body, request=request, headers={"Content-Type": "text/html; charset=utf-8"})
