"""The add-on: one line in ADDONS equals the manual configuration, and user settings win."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.utils.misc import build_from_crawler, load_object

import spider_plugins
from spider_plugins import SpamGuardAddon, SpamGuardDownloaderMiddleware, SpamGuardSpiderMiddleware
from spider_plugins.addon import DOWNLOADER_MIDDLEWARE_PRIORITY, SPIDER_MIDDLEWARE_PRIORITY
from spider_plugins.state import DEFAULTS, SpamGuardConfig

ADDON = {"ADDONS": {"spider_plugins.SpamGuardAddon": 0}}
MANUAL = {
    "SPIDER_MIDDLEWARES": {"spider_plugins.SpamGuardSpiderMiddleware": SPIDER_MIDDLEWARE_PRIORITY},
    "DOWNLOADER_MIDDLEWARES": {"spider_plugins.SpamGuardDownloaderMiddleware": DOWNLOADER_MIDDLEWARE_PRIORITY},
}

CrawlerFactory = Callable[..., Crawler]


def components(crawler: Crawler, name: str) -> dict[Any, int]:
    merged = crawler.settings.get_component_priority_dict_with_base(name)
    return {load_object(k): v for k, v in merged.items() if v is not None}


def test_documented_path_loads_the_addon() -> None:
    assert load_object("spider_plugins.SpamGuardAddon") is SpamGuardAddon


def test_addon_equals_manual_configuration(make_crawler: CrawlerFactory) -> None:
    with_addon = make_crawler(ADDON)
    manual = make_crawler(MANUAL)
    for name in ("SPIDER_MIDDLEWARES", "DOWNLOADER_MIDDLEWARES"):
        assert components(with_addon, name) == components(manual, name)
    assert components(with_addon, "SPIDER_MIDDLEWARES")[SpamGuardSpiderMiddleware] == SPIDER_MIDDLEWARE_PRIORITY
    assert (
        components(with_addon, "DOWNLOADER_MIDDLEWARES")[SpamGuardDownloaderMiddleware]
        == DOWNLOADER_MIDDLEWARE_PRIORITY
    )
    # The add-on writes the defaults the middlewares fall back to when configured by hand.
    for name, value in DEFAULTS.items():
        assert with_addon.settings.get(name) == value
        assert with_addon.settings.getpriority(name) == SETTINGS_PRIORITIES["addon"]
    assert SpamGuardConfig.from_settings(with_addon.settings) == SpamGuardConfig.from_settings(manual.settings)


def test_user_settings_win_over_addon_defaults(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler({**ADDON, "SPAMGUARD_ACTION": "flag", "SPAMGUARD_HOST_MIN_PAGES": 9})
    config = SpamGuardConfig.from_settings(crawler.settings)
    assert (config.action, config.host_min_pages) == ("flag", 9)
    assert config.host_spam_ratio == DEFAULTS["SPAMGUARD_HOST_SPAM_RATIO"]


def test_user_priority_for_a_middleware_is_kept(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler(
        {**ADDON, "SPIDER_MIDDLEWARES": {"spider_plugins.middleware.SpamGuardSpiderMiddleware": 543}}
    )
    assert components(crawler, "SPIDER_MIDDLEWARES")[SpamGuardSpiderMiddleware] == 543


def test_addon_builds_working_middlewares(make_crawler: CrawlerFactory) -> None:
    crawler = make_crawler(ADDON)
    assert isinstance(build_from_crawler(SpamGuardSpiderMiddleware, crawler), SpamGuardSpiderMiddleware)
    assert isinstance(build_from_crawler(SpamGuardDownloaderMiddleware, crawler), SpamGuardDownloaderMiddleware)


def test_exports() -> None:
    assert sorted(spider_plugins.__all__) == [
        "HostBlocked",
        "SpamDropped",
        "SpamGuardAddon",
        "SpamGuardDownloaderMiddleware",
        "SpamGuardSpiderMiddleware",
    ]
    for name in spider_plugins.__all__:
        assert getattr(spider_plugins, name).__name__ == name
    with pytest.raises(AttributeError):
        spider_plugins.NoSuchThing  # noqa: B018


def test_importing_the_package_does_not_import_scrapy() -> None:
    """`spamguard score` lives in this package; it must not pay for Scrapy until a crawl needs it."""
    code = "import sys, spider_plugins; print('scrapy' in sys.modules, 'model' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
