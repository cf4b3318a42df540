"""Scrapy integration of spamguard: ``ADDONS = {"spider_plugins.SpamGuardAddon": 0}``.

The names below are loaded on first access, so ``import spider_plugins`` (and the ``spamguard`` command,
which lives here) does not import Scrapy or the model until they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spider_plugins.addon import SpamGuardAddon
    from spider_plugins.middleware import (
        HostBlocked,
        SpamDropped,
        SpamGuardDownloaderMiddleware,
        SpamGuardSpiderMiddleware,
    )

__all__ = [
    "HostBlocked",
    "SpamDropped",
    "SpamGuardAddon",
    "SpamGuardDownloaderMiddleware",
    "SpamGuardSpiderMiddleware",
]

_LAZY = {
    "SpamGuardAddon": "spider_plugins.addon",
    "SpamGuardSpiderMiddleware": "spider_plugins.middleware",
    "SpamGuardDownloaderMiddleware": "spider_plugins.middleware",
    "SpamDropped": "spider_plugins.middleware",
    "HostBlocked": "spider_plugins.middleware",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
