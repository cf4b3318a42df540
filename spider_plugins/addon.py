"""The one-line way in: ``ADDONS = {"spider_plugins.SpamGuardAddon": 0}``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spider_plugins.middleware import SpamGuardDownloaderMiddleware, SpamGuardSpiderMiddleware
from spider_plugins.state import DEFAULTS

if TYPE_CHECKING:
    from scrapy.settings import Settings

__all__ = ["DOWNLOADER_MIDDLEWARE_PRIORITY", "SPIDER_MIDDLEWARE_PRIORITY", "SpamGuardAddon"]

# Just after HttpErrorMiddleware (50): non-2xx responses are filtered before they are scored, and the
# drop happens before every other spider middleware and the callback.
SPIDER_MIDDLEWARE_PRIORITY = 60
# After OffsiteMiddleware (50), before RobotsTxtMiddleware (100) and every retry/redirect middleware, so a
# request to a blocked host costs nothing more.
DOWNLOADER_MIDDLEWARE_PRIORITY = 75


class SpamGuardAddon:
    """Registers both SpamGuard middlewares and sets every ``SPAMGUARD_*`` default at add-on priority.

    The user's own settings (project, spider or command line) win over these defaults; a middleware the
    user already listed, under any priority or import path, is left as it is.
    """

    def update_settings(self, settings: Settings) -> None:
        settings.setdefault_in_component_priority_dict(
            "SPIDER_MIDDLEWARES", SpamGuardSpiderMiddleware, SPIDER_MIDDLEWARE_PRIORITY
        )
        settings.setdefault_in_component_priority_dict(
            "DOWNLOADER_MIDDLEWARES", SpamGuardDownloaderMiddleware, DOWNLOADER_MIDDLEWARE_PRIORITY
        )
        for name, value in DEFAULTS.items():
            settings.set(name, value, priority="addon")
