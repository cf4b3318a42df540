"""Registered-domain lookups, offline.

tldextract is used with its bundled public-suffix snapshot only (``suffix_list_urls=()``,
``cache_dir=None``): crawl workers are often offline, and a lookup must never touch the network or disk.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tldextract

__all__ = ["registered_domain", "web_host"]

#: Distinct hosts remembered; a page links to a few dozen, a crawl worker sees many thousands.
HOST_CACHE_SIZE = 65_536

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
#: Host of an absolute http(s) or scheme-relative URL.
_WEB_HOST_RE = re.compile(r"^\s*(?:https?:)?//(?:[^/?#@]*@)?([^/?#:\s]+)", re.IGNORECASE)


def web_host(href: str) -> str:
    """Lower-cased host of an absolute ``http(s)://`` or scheme-relative ``//`` URL; "" for anything else
    (a relative link, another scheme)."""
    m = _WEB_HOST_RE.match(href)
    return m.group(1).lower().rstrip(".") if m else ""


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
