"""Fixtures for the Scrapy add-on tests: crawlers and the bundled model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from model import Scorer
from spider_plugins.state import existing_state


class _TestSpider(Spider):
    name = "spamguard-test"


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    return Scorer.load()


@pytest.fixture
def make_crawler() -> Iterator[Callable[..., Crawler]]:
    """Crawlers as Scrapy configures them (add-ons applied); closed at teardown as a crawl would be."""
    made: list[Crawler] = []

    def make(settings: dict[str, Any] | None = None) -> Crawler:
        crawler = get_crawler(_TestSpider, settings or {})
        made.append(crawler)
        return crawler

    yield make
    for crawler in made:  # what spider_closed does at the end of a crawl: close the audit file
        state = existing_state(crawler)
        if state is not None:
            state.close()
