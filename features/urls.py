"""Registered-domain lookups, offline.

tldextract is used with its bundled public-suffix snapshot only (``suffix_list_urls=()``,
``cache_dir=None``): crawl workers are often offline, and a lookup must never touch the network or disk.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tldextract

__all__ = ["registered_domain", "url_host", "web_host"]

#: Distinct hosts remembered; a page links to a few dozen, a crawl worker sees many thousands.
HOST_CACHE_SIZE = 65_536

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
#: Scheme and host of an absolute or scheme-relative URL.
_HOST_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//(?:[^/?#@]*@)?(\[[^\]/?#]*\]|[^/?#:]*)")


def url_host(url: str) -> str:
    """Lower-cased host of an absolute or scheme-relative URL, whatever its scheme; "" when it has none."""
    m = _HOST_RE.match(url)
    return m.group(1).lower().rstrip(".") if m else ""


def web_host(href: str) -> str | None:
    """Lower-cased host of an ``http(s)://`` or scheme-relative ``//`` URL ("" when it names none); None for
    anything else (a relative link, another scheme). How every link of a page is told internal or external."""
    m = _HOST_RE.match(href)
    if m is None or href[: href.find("//")].rstrip(":").lower() not in ("", "http", "https"):
        return None
    return m.group(1).lower().rstrip(".")


@lru_cache(maxsize=HOST_CACHE_SIZE)
def registered_domain(host: str) -> str:
    """``"news.bbc.co.uk"`` -> ``"bbc.co.uk"``; an IP address or a bare name is returned unchanged;
    ``""`` for an empty host."""
    host = host.strip().lower().rstrip(".")
    if not host:
        return ""
    parts = _EXTRACT(host)
    if parts.suffix and parts.domain:
        return f"{parts.domain}.{parts.suffix}"
    return host
