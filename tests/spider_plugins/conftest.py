"""Fixtures for the Scrapy add-on tests: crawlers and the bundled model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from model import Scorer


class _TestSpider(Spider):
    name = "spamguard-test"


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    return Scorer.load()


@pytest.fixture
def make_crawler() -> Callable[..., Crawler]:
    def make(settings: dict[str, Any] | None = None) -> Crawler:
        return get_crawler(_TestSpider, settings or {})

    return make
